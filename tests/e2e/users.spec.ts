import type { Page } from '@playwright/test';
import { expect, shot, test, type RunningConsole } from './support/console';
import { addAdaAndCal } from './support/people';

async function openCaller(page: Page, mfa: RunningConsole) {
  await mfa.open(page, '/users');
  await page.getByRole('textbox', { name: 'Search users' }).fill('cal');
  await expect(page.getByRole('row')).toHaveCount(2); // header + Cal
  await page.getByRole('cell', { name: 'Cal Caller', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Cal Caller', exact: true })).toBeVisible();
  await expect(page.getByTestId('operator-select')).toHaveValue('ada@example.com');
}

test('locking an account asks for confirmation, Cancel changes nothing, Lock Account locks and audits', async ({
  page,
  mfa,
}) => {
  addAdaAndCal(mfa);
  await openCaller(page, mfa);
  await expect(page.getByTestId('status-headline')).toContainText('Can sign in with a code sent to +44••••••••44');

  await page.getByRole('button', { name: 'Lock user account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lock user account' });
  await expect(dialog).toContainText('Cal Caller will not be able to sign in until someone unlocks the account');
  await expect(dialog.getByRole('button', { name: 'Lock Account' })).toBeDisabled(); // a reason is required
  await page.screenshot({ path: shot('users-lock-confirm') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-headline')).toContainText('Can sign in');

  await page.getByRole('button', { name: 'Lock user account' }).click();
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Phone reported stolen');
  await dialog.getByRole('button', { name: 'Lock Account' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-headline')).toContainText('Locked since');
  await expect(page.getByTestId('status-user-message')).toHaveText(
    '“Account locked due to exceeding maximum login attempts. Contact administrator for assistance.”',
  );
  const audit = page
    .getByRole('region', { name: 'Recent events' })
    .getByRole('row', { name: /Account Locked by Admin/ });
  await expect(audit).toContainText('reason: Phone reported stolen');
  await expect(audit).toContainText('ada@example.com');
  await expect(page.getByRole('button', { name: 'Lock user account' })).toBeDisabled();
  await page.screenshot({ path: shot('users-locked') });

  // The command line sees the same lock: one engine, one database.
  expect(mfa.cli(['users', 'show', 'cal@example.com'])).toContain('Status: Locked since');
});

test('a cooldown from five wrong codes is explained and reset by the helpdesk', async ({ page, mfa }) => {
  addAdaAndCal(mfa);
  mfa.cli(['verify', 'send', 'cal@example.com']);
  for (let i = 0; i < 5; i++) {
    try {
      mfa.cli(['verify', 'check', 'cal@example.com', '000000']);
    } catch {
      // each wrong code exits non-zero: that is the point
    }
  }
  await openCaller(page, mfa);
  await expect(page.getByTestId('status-headline')).toContainText('In cooldown until');
  await expect(page.getByTestId('status-user-message')).toContainText('Too many failed verification attempts');
  await expect(page.getByTestId('counter-consecutive_failures')).toContainText('5 / 10');
  await page.screenshot({ path: shot('users-cooldown') });

  await page.getByRole('button', { name: 'Reset cooldown' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset cooldown' });
  await expect(dialog).toContainText('The caller has not been verified');
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Caller confirmed identity by employee ID');
  await dialog.getByRole('button', { name: 'Reset cooldown' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-headline')).toContainText('Can sign in');
  await expect(
    page.getByRole('region', { name: 'Recent events' }).getByRole('row', { name: /Cooldown Reset/ }),
  ).toContainText('Caller confirmed identity by employee ID');
  // The user can try again straight away.
  expect(mfa.cli(['verify', 'send', 'cal@example.com'])).toContain('Code sent to');
});

test('verifying the caller: a wrong read-back is refused and recorded as failed', async ({ page, mfa }) => {
  addAdaAndCal(mfa);
  await openCaller(page, mfa);
  const panel = page.getByRole('region', { name: 'Verify the caller' });
  await panel.getByRole('button', { name: 'Send code to registered phone' }).click();
  await expect(panel).toContainText('Sent to +44••••••••44');
  await panel.getByLabel('Code the caller reads back').fill('111111');
  await panel.getByRole('button', { name: 'Check code' }).click();
  await expect(panel.getByRole('alert').last()).toContainText('does not match the one sent to +44••••••••44');
  await expect(page.getByTestId('caller-check-result')).toContainText('did not match');
});

test('verifying the caller: the code read back passes and the unlock cites it', async ({ page, mfa }) => {
  addAdaAndCal(mfa);
  mfa.cli(['user', 'cal@example.com', 'lock', '--actor', 'ada@example.com', '--reason', 'Suspicious sign-ins']);
  await openCaller(page, mfa);
  const panel = page.getByRole('region', { name: 'Verify the caller' });
  await panel.getByRole('button', { name: 'Send code to registered phone' }).click();
  // The caller reads the SMS on their phone: here, the simulated handset.
  const sms = page.getByTestId('simulated-inbox').getByText(/verification code is \d+/);
  await expect(sms).toHaveCount(1);
  const code = /code is (\d+)/.exec(await sms.innerText())?.[1];
  expect(code).toMatch(/^\d{4,10}$/);
  await panel.getByLabel('Code the caller reads back').fill(code!);
  await panel.getByRole('button', { name: 'Check code' }).click();
  await expect(page.getByTestId('caller-check-result')).toContainText('Caller verified');
  await page.screenshot({ path: shot('users-caller-verified') });

  await page.getByRole('button', { name: 'Unlock' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unlock' });
  await expect(dialog).toContainText('Cites the caller verification passed at');
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Verified by SMS read-back');
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('status-headline')).toContainText('Can sign in');
  const events = page.getByRole('region', { name: 'Recent events' });
  await expect(events.getByRole('row', { name: /Account Unlocked/ })).toBeVisible();
  await expect(events.getByRole('row', { name: /Caller Verification/ }).first()).toBeVisible();
});
