import type { Page } from '@playwright/test';
import { expect, shot, shots, test, type RunningConsole } from './support/console';
import { addAdaAndCal, CAL } from './support/people';

async function openCaller(page: Page, mfa: RunningConsole) {
  await mfa.open(page, '/users');
  await page.getByRole('textbox', { name: 'Search users' }).fill('cal');
  await expect(page.getByRole('row')).toHaveCount(2); // header + Cal
  await page.getByRole('cell', { name: 'Cal Caller', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Cal Caller', exact: true })).toBeVisible();
  await expect(page.getByTestId('signed-in-operator')).toContainText('Ada Admin');
}

test('locking an account asks for confirmation, Cancel changes nothing, Lock Account locks and audits', async ({
  page,
  mfa,
}) => {
  await addAdaAndCal(mfa);
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
  // Why it is really locked: by whom and with what reason; the user's message stays the documents'.
  await expect(page.getByTestId('status-headline')).toHaveText(
    /^Locked by ada@example\.com at \d{4}-\d{2}-\d{2} \d{2}:\d{2}, reason: "Phone reported stolen"\.$/,
  );
  await expect(page.getByTestId('status-user-message')).toHaveText(
    '“Account locked due to exceeding maximum login attempts. Contact administrator for assistance.”',
  );
  await expect(page.getByTestId('status-user-message-note')).toContainText('locked by ada@example.com');
  const audit = page
    .getByRole('region', { name: 'Recent events' })
    .getByRole('row', { name: /Account Locked by Admin/ });
  await expect(audit).toContainText('reason: Phone reported stolen');
  await expect(audit).toContainText('ada@example.com');
  await expect(page.getByRole('button', { name: 'Lock user account' })).toBeDisabled();
  await page.screenshot({ path: shot('users-locked') });

  // The command line sees the same lock: one engine, one database.
  expect(mfa.cli(['users', 'show', 'cal@example.com'])).toMatch(
    /Status: Locked by ada@example\.com at .* UTC, reason: "Phone reported stolen"\./,
  );
});

test('a cooldown from five wrong codes is explained and reset by the helpdesk', async ({ page, mfa }) => {
  await addAdaAndCal(mfa);
  mfa.userCli(['verify', 'send', 'cal@example.com']);
  for (let i = 0; i < 5; i++) {
    try {
      mfa.userCli(['verify', 'check', 'cal@example.com', '000000']);
    } catch {
      // each wrong code exits non-zero: that is the point
    }
  }
  await openCaller(page, mfa);
  await expect(page.getByTestId('status-headline')).toContainText('In cooldown until');
  await expect(page.getByTestId('status-user-message')).toContainText('Too many failed verification attempts');
  await expect(page.getByTestId('counter-consecutive_failures')).toContainText('5 / 10');
  // When it clears, said once, on the operator's clock.
  await expect(page.getByTestId('status-clears')).toHaveText(
    /^Clears: By itself at \d{4}-\d{2}-\d{2} \d{2}:\d{2}; a cooldown reset clears it now\.$/,
  );
  await shots(page, 'users-cooldown');

  await page.getByRole('button', { name: 'Reset cooldown' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset cooldown' });
  await expect(dialog).toContainText('Needs a caller check made by you');
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Caller confirmed identity by employee ID');
  // No check yet: the confirmation waits until Ada (an administrator) says how she verified the caller.
  await expect(dialog.getByRole('button', { name: 'Reset cooldown' })).toBeDisabled();
  await dialog.getByLabel('Verified another way (administrators; flagged in the audit)').check();
  await dialog.getByLabel('How was the caller verified?').fill('manager callback on the number in HR records');
  await dialog.getByRole('button', { name: 'Reset cooldown' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-headline')).toContainText('Can sign in');
  await expect(
    page.getByRole('region', { name: 'Recent events' }).getByRole('row', { name: /Cooldown Reset/ }),
  ).toContainText('Caller confirmed identity by employee ID');
  // The user can try again straight away.
  expect(mfa.userCli(['verify', 'send', 'cal@example.com'])).toContain('Code sent to');
});

test('verifying the caller: a wrong read-back is refused, recorded as failed, and leaves 2 tries', async ({
  page,
  mfa,
}) => {
  await addAdaAndCal(mfa);
  await openCaller(page, mfa);
  const panel = page.getByRole('region', { name: 'Verify the caller' });
  await panel.getByRole('button', { name: 'Send code to registered phone' }).click();
  await expect(panel).toContainText('Sent to +44••••••••44');
  await panel.getByLabel('Code the caller reads back').fill('111111');
  await panel.getByRole('button', { name: 'Check code' }).click();
  await expect(panel.getByRole('alert').last()).toContainText('does not match the one sent to +44••••••••44');
  // The code stays open for 3 tries; the failed read-back is its own event.
  await expect(page.getByTestId('caller-check-result')).toContainText('(2 tries left)');
  await expect(
    page.getByRole('region', { name: 'Recent events' }).getByRole('row', { name: /Caller Check Failed/ }),
  ).toBeVisible();
});

test('verifying the caller: the code read back passes and the unlock cites it', async ({ page, mfa }) => {
  await addAdaAndCal(mfa);
  mfa.cli(['user', 'cal@example.com', 'lock', '--reason', 'Suspicious sign-ins']);
  await openCaller(page, mfa);
  const panel = page.getByRole('region', { name: 'Verify the caller' });
  await panel.getByRole('button', { name: 'Send code to registered phone' }).click();
  // The caller reads the SMS on their phone: here, the simulated handset.
  // Its SMS says what it is, not the sign-in text.
  const sms = page
    .getByTestId('simulated-inbox')
    .getByText(/A helpdesk agent is verifying your identity\..* Code: \d+/);
  await expect(sms).toHaveCount(1);
  const code = /Code: (\d+)/.exec(await sms.innerText())?.[1];
  expect(code).toMatch(/^\d{4,10}$/);
  await panel.getByLabel('Code the caller reads back').fill(code!);
  await panel.getByRole('button', { name: 'Check code' }).click();
  await expect(page.getByTestId('caller-check-result')).toContainText('Caller verified by you');
  await shots(page, 'users-caller-verified');

  await page.getByRole('button', { name: 'Unlock' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unlock' });
  await expect(dialog).toContainText('Rests on your caller check passed at');
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Verified by SMS read-back');
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('status-headline')).toContainText('Can sign in');
  const events = page.getByRole('region', { name: 'Recent events' });
  await expect(events.getByRole('row', { name: /Account Unlocked/ })).toBeVisible();
  await expect(events.getByRole('row', { name: /Caller Check Passed/ }).first()).toBeVisible();
});

/** Dee, a US employee who said the number shown at sign-in is not hers. */
const DEE = { name: 'Dee Doe', email: 'dee@example.com', phone: '+12025550135' };

async function openFromDirectory(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('textbox', { name: 'Search users' }).fill(name);
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
}

test('every panel belongs to the user shown: one user after another, and Back', async ({ page, mfa }) => {
  await addAdaAndCal(mfa);
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
  mfa.userCli(['verify', 'send', DEE.email]);
  mfa.userCli(['verify', 'not-my-number', DEE.email]);
  await mfa.open(page, '/users');

  // Dee: a caller code is refused (she said the number is not hers), and the error shows on her page.
  await openFromDirectory(page, DEE.name);
  const panel = page.getByRole('region', { name: 'Verify the caller' });
  await panel.getByRole('button', { name: 'Send code to registered phone' }).click();
  await expect(panel.getByRole('alert')).toContainText('reported that +1••••••••35 is not their number');

  // Cal: none of Dee's state; his own code goes to his own phone, and his full number is shown.
  await openFromDirectory(page, CAL.name);
  await expect(panel).not.toContainText('not their number');
  await expect(panel).not.toContainText('Sent to');
  await panel.getByRole('button', { name: 'Send code to registered phone' }).click();
  await expect(panel).toContainText('Sent to +44••••••••44');
  await page.getByRole('region', { name: 'Phone' }).getByRole('button', { name: 'Show full number' }).click();
  const reveal = page.getByRole('dialog', { name: /full number/ });
  await reveal.getByLabel('Reason (recorded in the audit log)').fill('Caller confirms the number on file');
  await reveal.getByRole('button', { name: 'Show full number' }).click();
  await expect(page.getByTestId('phone-number')).toHaveText('+447111222444');

  // Back to Dee: her page, with her masked number; nothing of Cal's.
  await page.goBack(); // the directory search
  await page.goBack(); // Dee
  await expect(page.getByRole('heading', { name: DEE.name, exact: true })).toBeVisible();
  await expect(panel).not.toContainText('Sent to');
  await expect(panel).not.toContainText('+44');
  await expect(page.getByTestId('phone-number')).toHaveText('+1••••••••35');
  await expect(page.getByRole('region', { name: 'Simulated phone' })).not.toContainText('+44');
  await shots(page, 'users-dee-after-back');

  // Forward to Cal again: his panel shows his own pending check, not Dee's error.
  await page.goForward();
  await page.goForward();
  await expect(page.getByRole('heading', { name: CAL.name, exact: true })).toBeVisible();
  await expect(page.getByTestId('caller-check-result')).toContainText('waiting for the caller to read it back');
  await expect(panel).not.toContainText('not their number');
  await expect(page.getByTestId('phone-number')).toHaveText('+44••••••••44');
});

test.describe('an operator in another time zone', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('a locked user: Disable 2FA says the lock stays, the header shows when 2FA comes back, times are local', async ({
    page,
    mfa,
  }) => {
    await addAdaAndCal(mfa);
    mfa.cli(['user', CAL.email, 'lock', '--reason', 'Suspicious sign-ins']);
    await mfa.open(page, `/users/${encodeURIComponent(CAL.email)}`);
    await expect(page.getByTestId('zone-note')).toHaveText('Times in Asia/Tokyo; hover a time for UTC.');
    const headline = page.getByTestId('status-headline');
    await expect(headline).not.toContainText('UTC');
    const lockedAt = headline.locator('time');
    const utc = (await lockedAt.getAttribute('title'))!;
    expect(utc).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    // Tokyo is UTC+09:00: the shown time is the UTC one moved on by nine hours.
    const shown = await lockedAt.innerText();
    expect(
      Date.parse(`${shown.replace(' ', 'T')}:00Z`) - Date.parse(utc.replace(' ', 'T').replace(' UTC', ':00Z')),
    ).toBe(9 * 3600_000);

    await page.getByRole('button', { name: 'Disable 2FA' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable 2FA' });
    await expect(dialog).toContainText(
      'but the account stays locked: Cal Caller still cannot sign in until someone unlocks it',
    );
    await expect(dialog).not.toContainText('signs in without a code');
    await expect(dialog).toContainText('Asia/Tokyo');
    await shots(page, 'users-disable-2fa-locked');
    const until = await dialog.getByLabel('Disable 2FA until').inputValue(); // this time tomorrow, local
    await dialog.getByLabel('Reason (recorded in the audit log)').fill('Lost phone; verified by manager');
    await dialog.getByLabel('Verified another way (administrators; flagged in the audit)').check();
    await dialog.getByLabel('How was the caller verified?').fill('manager confirmed on a video call');
    await dialog.getByRole('button', { name: 'Disable 2FA' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('user-header')).toContainText(`2FA: Disabled until ${until.replace('T', ' ')}`);
    await expect(headline).toContainText('Locked by ada@example.com');
    await shots(page, 'users-locked-2fa-disabled');
  });
});

test('the directory keeps one line per user at 1360 px and does not scroll sideways at 1024 px; the user view columns hold still', async ({
  page,
  mfa,
}) => {
  mfa.cli(['seed', '--users', '60', '--events', '500', '--seed', '5']);
  await mfa.open(page, '/users');
  const rows = page.getByRole('table', { name: 'Users' }).locator('tbody tr');
  await expect(rows).toHaveCount(50);
  const heights = await rows.evaluateAll((list) => list.map((r) => r.getBoundingClientRect().height));
  expect(Math.max(...heights)).toBeLessThan(42); // one line of text (a wrapped row was 73 px)
  expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(2);
  const main = page.getByRole('main');
  const visible = await rows.evaluateAll((list) => list.filter((r) => r.getBoundingClientRect().bottom < 830).length);
  // 8 fitted when rows wrapped; 13 since the filters take a second line ("Likely caused by an incident").
  expect(visible).toBeGreaterThanOrEqual(13);
  await shots(page, 'users-directory');

  await page.setViewportSize({ width: 1024, height: 860 });
  expect(await main.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await expect(page.getByRole('columnheader', { name: 'Email' })).toBeVisible();
  await page.setViewportSize({ width: 1360, height: 860 });

  // The same user's two columns, before and after a lock changes every panel's text.
  const employee = JSON.parse(mfa.cli(['users', 'list', '--json', '--limit', '500'])).value.users.find(
    (u: { role: string; state: string }) => u.role === 'employee' && u.state === 'code_required',
  ) as { email: string };
  await mfa.open(page, `/users/${encodeURIComponent(employee.email)}`);
  const columns = page.getByTestId('user-columns').locator(':scope > *');
  const widths = () => columns.evaluateAll((list) => list.map((c) => Math.round(c.getBoundingClientRect().width)));
  const before = await widths();
  mfa.cli([
    'user',
    employee.email,
    'lock',
    '--reason',
    'A reason long enough to widen a column if it could: '.repeat(3),
  ]);
  await page.reload();
  await expect(page.getByTestId('status-headline')).toContainText('Locked by');
  expect(await widths()).toEqual(before);
});
