import type { Page } from '@playwright/test';
import { expect, shot, shots, test, type RunningConsole } from './support/console';
import { addAdaAndCal, CAL } from './support/people';

const NEW_PHONE = '+447111999888';
const DEE = { name: 'Dee Desk', email: 'dee@example.com', phone: '+447111222555' };

async function openCal(page: Page, mfa: RunningConsole) {
  await mfa.open(page, `/users/${encodeURIComponent(CAL.email)}`);
  await expect(page.getByRole('heading', { name: 'Cal Caller', exact: true })).toBeVisible();
}

function addDee(mfa: RunningConsole) {
  mfa.cli([
    'users',
    'add',
    '--reason',
    'New starter',
    '--name',
    DEE.name,
    '--email',
    DEE.email,
    '--role',
    'employee',
    '--phone',
    DEE.phone,
  ]);
}

test('a number change: a code to the new number read back, a wrong try counted, the old number told', async ({
  page,
  mfa,
}) => {
  await addAdaAndCal(mfa);
  await openCal(page, mfa);
  await page.getByRole('button', { name: 'Change phone number' }).click();
  const ask = page.getByRole('dialog', { name: 'Change phone number' });
  await expect(ask).toContainText('A code goes to the new number for the caller to read back');
  await ask.getByLabel('Mobile number').fill(NEW_PHONE);
  await ask.getByLabel('Reason (recorded in the audit log)').fill('Caller has a new phone, ticket 4411');
  await ask.getByLabel('Verified another way (administrators; flagged in the audit)').check();
  await ask.getByLabel('How was the caller verified?').fill('manager callback on the number in HR records');
  await ask.getByRole('button', { name: 'Change number' }).click();

  const readBack = page.getByRole('dialog', { name: 'Read back the code from the new number' });
  await expect(readBack).toContainText('A code went to +44••••••••88');
  await shots(page, 'safer-phone-read-back');
  // Until the code matches, the number is the old one.
  expect(mfa.cli(['users', 'show', CAL.email])).toMatch(/Phone\s+\+44••••••••44/);

  const code = await mfa.lastCode(NEW_PHONE);
  await readBack.getByLabel('Code the caller reads back').fill(code === '000000' ? '111111' : '000000');
  await readBack.getByRole('button', { name: 'Confirm number' }).click();
  await expect(readBack).toContainText('2 tries left');
  await readBack.getByLabel('Code the caller reads back').fill(code);
  await readBack.getByRole('button', { name: 'Confirm number' }).click();
  await expect(readBack.getByTestId('phone-changed')).toContainText("Cal Caller's phone is now +44••••••••88");
  await expect(readBack).toContainText('The old number +44••••••••44 was texted that the number changed.');
  await expect(readBack).toContainText('simulated mail outbox');
  await shots(page, 'safer-phone-changed');
  await readBack.getByRole('button', { name: 'Close' }).click();

  await expect(page.getByTestId('phone-number')).toHaveText('+44••••••••88');
  await expect(page.getByTestId('number-history')).toContainText('by ada@example.com');
  // The 24-hour cool-off: no temporary access to the new number yet.
  const access = page.getByRole('region', { name: 'Temporary access' });
  await expect(access).toContainText('temporary access cannot be issued until');
  await expect(access.getByRole('button', { name: 'Issue temporary access…' })).toBeDisabled();
  await shots(page, 'safer-user-after-change');
});

test('temporary access: issued once to the operator, used once by the user instead of an SMS code', async ({
  page,
  mfa,
}) => {
  await addAdaAndCal(mfa);
  await openCal(page, mfa);
  const access = page.getByRole('region', { name: 'Temporary access' });
  await access.getByRole('button', { name: 'Issue temporary access…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Temporary access for Cal Caller' });
  await expect(dialog.getByLabel('Works for')).toHaveText('1 hour (default)');
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Phone lost on a trip, verified by manager');
  await dialog.getByLabel('Verified another way: how').fill('manager callback on the number in HR records');
  await shots(page, 'safer-temporary-access-issue');
  await dialog.getByRole('button', { name: 'Issue code' }).click();
  const shown = access.getByTestId('temporary-access-code');
  await expect(shown).toContainText('it is not shown again');
  const code = /([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})/.exec((await shown.textContent()) ?? '')?.[1] ?? '';
  expect(code).not.toBe('');
  await expect(access.getByTestId('temporary-access-state')).toContainText('single use, used 0 times');
  await page.setViewportSize({ width: 1024, height: 860 });
  await access.scrollIntoViewIfNeeded();
  await shots(page, 'safer-temporary-access-shown');

  expect(mfa.userCli(['verify', 'temporary-access', CAL.email, code])).toContain('Signed in');
  let refused = '';
  try {
    mfa.userCli(['verify', 'temporary-access', CAL.email, code]);
  } catch (error) {
    refused = String((error as { stderr?: string }).stderr);
  }
  expect(refused).toContain('TEMPORARY_ACCESS_USED');
  await page.reload();
  await expect(access.getByTestId('temporary-access-state')).toContainText('No code open');
  await expect(page.getByRole('region', { name: 'Recent events' })).toContainText('Temporary Access Used');
});

test('bulk unlock: a preview of exactly who is locked, never the operator, one event each; the Audit page shows them', async ({
  page,
  mfa,
}) => {
  await addAdaAndCal(mfa);
  addDee(mfa);
  for (const email of [CAL.email, DEE.email]) mfa.cli(['user', email, 'lock', '--reason', 'Provider outage lock']);
  await mfa.open(page, '/users');
  await expect(page.getByTestId('users-count')).toHaveText('Showing 3 of 3');
  await page.getByRole('checkbox', { name: 'Select all shown users' }).check();
  await page.getByRole('button', { name: 'Bulk unlock…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bulk unlock' });
  await expect(dialog).toContainText('2 users will be unlocked');
  await expect(dialog.getByTestId('bulk-affected')).toContainText('Cal Caller');
  await expect(dialog.getByTestId('bulk-affected')).toContainText('Dee Desk');
  await expect(dialog.getByTestId('bulk-skipped')).toContainText('your own account');
  await dialog.getByLabel('Reason (recorded for each user)').fill('Provider outage INC-77 over');
  await dialog
    .getByLabel('Verified another way: how (administrators)')
    .fill('the locks came from the provider outage INC-77');
  await shots(page, 'safer-bulk-preview');
  await dialog.getByRole('button', { name: 'Unlock 2' }).click();
  await expect(dialog.getByTestId('bulk-result')).toContainText('2 unlocked, 1 skipped');
  await page.screenshot({ path: shot('safer-bulk-result') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  await mfa.open(page, '/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'Account Unlocked' }).click();
  await expect(page.getByTestId('audit-row')).toHaveCount(2);
  await expect(page.getByTestId('audit-row').first()).toContainText('Provider outage INC-77 over');
  await expect(page.getByTestId('audit-row').first()).toContainText('bulk action');
  await page.getByLabel('Target user').fill('dee');
  await page.getByLabel('Target user').press('Enter');
  await expect(page.getByTestId('audit-row')).toHaveCount(1);
  await expect(page.getByTestId('audit-count')).toHaveText('Showing 1 of 1');
  await shots(page, 'safer-audit-filtered');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(file, 'utf8').split('\r\n');
  expect(csv[0]).toBe('time_utc,operator,action,target_email,target_name,reason,rests_on,event_id');
  expect(csv.filter(Boolean)).toHaveLength(2); // the header and exactly the one row on screen
  expect(csv[1]).toContain('"dee@example.com"');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await shots(page, 'safer-audit');
});

test('Reset 2FA: the user enrols a new number with a code at the next sign-in (training sign-in)', async ({
  page,
  browser,
  mfa,
}) => {
  await addAdaAndCal(mfa);
  await openCal(page, mfa);
  await page.getByRole('button', { name: 'Reset 2FA' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset 2FA' });
  await expect(dialog).toContainText('must enrol a number, with a code sent to it, at the next sign-in');
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Phone stolen, caller verified by manager');
  await dialog.getByLabel('Verified another way (administrators; flagged in the audit)').check();
  await dialog.getByLabel('How was the caller verified?').fill('manager callback on the number in HR records');
  await dialog.getByRole('button', { name: 'Reset 2FA' }).click();
  await expect(page.getByTestId('status-headline')).toContainText('2FA was reset');

  // The user's side, in a browser no operator is signed in to.
  const context = await browser.newContext();
  const user = await context.newPage();
  await user.goto(mfa.launchUrl);
  await user.getByRole('button', { name: /Try a user's sign-in/ }).click();
  await user.getByLabel("User's email").fill(CAL.email);
  await user.getByRole('button', { name: 'Send code', exact: true }).click();
  await expect(user.getByTestId('sign-in-screen')).toContainText('Your two-factor authentication was reset');
  await user.getByLabel('Your mobile number').fill(NEW_PHONE);
  await user.getByRole('button', { name: 'Send code to it' }).click();
  await expect(user.getByTestId('sign-in-screen')).toContainText('A code was sent to +44••••••••88');
  const phone = user.getByRole('region', { name: 'Simulated phone' });
  await expect(phone).toContainText('register this number');
  const code = /(\d{6})/.exec((await phone.textContent()) ?? '')?.[1] ?? '';
  await shots(user, 'safer-enrol-at-sign-in');
  await user.getByLabel('Code', { exact: true }).fill(code);
  await user.getByRole('button', { name: 'Verify' }).click();
  await expect(user.getByTestId('sign-in-screen')).toHaveText('Number enrolled; signed in.');
  await shots(user, 'safer-enrolled');
  await context.close();

  await page.reload();
  await expect(page.getByTestId('phone-number')).toHaveText('+44••••••••88');
  await expect(page.getByTestId('number-history')).toContainText('by cal@example.com');
});
