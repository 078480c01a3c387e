import { expect, shot, shots, test } from './support/console';
import { addAdaAndCal, addOperatorAndLogIn } from './support/people';

test('troubleshooting pre-fills what the data knows and finds the cooldown and carrier filtering', async ({
  page,
  mfa,
}) => {
  await addAdaAndCal(mfa);
  // The carrier filters the first code as spam (30007); the next arrives but the user mistypes it five times.
  mfa.cli(['policy', 'set', '--reason', 'Test policy', 'resendIntervalSeconds=0']); // no waiting in a test
  mfa.cli(['policy', 'simulate-failure', '--reason', 'Training exercise', '30007', '--times', '1']);
  expect(() => mfa.userCli(['verify', 'send', 'cal@example.com'])).toThrow(/SMS_FAILURE|30007/);
  mfa.userCli(['verify', 'send', 'cal@example.com']);
  for (let i = 0; i < 5; i++) expect(() => mfa.userCli(['verify', 'check', 'cal@example.com', '000000'])).toThrow();

  await mfa.open(page, '/users/cal%40example.com');
  await page.getByRole('main').getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Caller: name, email or phone' })).toHaveValue('cal@example.com');

  await expect(page.getByTestId('finding-cooldown')).toContainText('The user is in cooldown');
  await expect(page.getByTestId('finding-carrier-filtering')).toContainText('filtered by the carrier (30007)');
  await expect(page.getByTestId('finding-never-succeeded')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Which country is the affected user located in?' })).toHaveValue(
    'Phone number country: GB',
  );
  await expect(page.getByRole('textbox', { name: "What is the user's mobile number?" })).toHaveValue(
    '+44••••••••44 (mobile)',
  );
  // Only the caller can answer this one.
  const friends = page.getByRole('textbox', { name: /receiving text messages and phone calls from friends/ });
  await expect(friends).toHaveValue('');
  await friends.fill('Yes, texts from colleagues arrive.');
  await expect(page.getByTestId('escalation-summary')).toContainText('Yes, texts from colleagues arrive.');
  await expect(page.getByTestId('escalation-summary')).toContainText('2FA support case: Cal Caller <cal@example.com>');
  await page.screenshot({ path: shot('troubleshoot-cal') });
});

test('troubleshooting says when no user matches what was typed', async ({ page, mfa }) => {
  await mfa.open(page, '/troubleshoot');
  await page.getByRole('textbox', { name: 'Caller: name, email or phone' }).fill('nobody@example.com');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('alert')).toHaveText('No user matches “nobody@example.com” by name, email or phone.');
});

test("a locked-out administrator is walked through the FAQ's recovery path", async ({ page, mfa }) => {
  await addAdaAndCal(mfa);
  // Bo, a second administrator, locks Ada (no operator locks their own account) and signs in here.
  const BO = { name: 'Bo Backup', email: 'bo@example.com', phone: '+447111222555', role: 'administrator' as const };
  await addOperatorAndLogIn(mfa, BO);
  mfa.cli(['user', 'ada@example.com', 'lock', '--reason', 'Lost phone, suspicious sign-ins']);

  await mfa.open(page, '/troubleshoot', BO);
  await page.getByRole('textbox', { name: 'Caller: name, email or phone' }).fill('ada@example.com');
  await page.getByRole('button', { name: 'Find' }).click();
  // Locked by another administrator, with a reason: not "after repeated failed attempts".
  await expect(page.getByTestId('finding-locked')).toContainText('Locked by bo@example.com at');
  await expect(page.getByTestId('finding-locked')).toContainText('reason: "Lost phone, suspicious sign-ins"');
  await expect(page.getByTestId('finding-locked')).not.toContainText('repeated failed');
  const recovery = page.getByTestId('finding-administrator-recovery');
  await expect(recovery).toContainText('An administrator who cannot sign in');
  await expect(recovery).toContainText('1 other active administrator');
  await expect(recovery).toContainText("your firm's URL");
  await recovery.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('troubleshoot-admin-locked') });
});

test('the caller is found by name, email or phone; each finding links to the user and to its action', async ({
  page,
  mfa,
}) => {
  await addAdaAndCal(mfa);
  mfa.cli(['user', 'cal@example.com', 'lock', '--reason', 'Phone reported stolen']);
  await mfa.open(page, '/troubleshoot');
  const search = page.getByRole('textbox', { name: 'Caller: name, email or phone' });
  const summary = page.getByTestId('caller-summary');

  // By phone: the last digits, as the caller reads them out.
  await search.fill('2444');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(summary).toContainText('Cal Caller · cal@example.com');
  // By name.
  await search.fill('Ada');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(summary).toContainText('Ada Admin · ada@example.com');
  // Several match: pick one.
  await search.fill('example.com');
  await page.getByRole('button', { name: 'Find' }).click();
  const matches = page.getByRole('list', { name: 'Matching users' });
  await expect(matches.getByRole('button')).toHaveCount(2);
  await matches.getByRole('button', { name: /Cal Caller/ }).click();
  await expect(summary).toContainText('Cal Caller · cal@example.com');

  const locked = page.getByTestId('finding-locked');
  await expect(locked).toContainText('Locked by ada@example.com at');
  await expect(locked).toContainText('reason: "Phone reported stolen"');
  // The checklist says what the data only suggests: this number never had a code used.
  await expect(page.getByTestId('check-format')).toHaveAttribute('data-strength', 'suggested');
  await expect(page.getByTestId('check-format')).toContainText('suggested by the data, not confirmed');
  await expect(page.getByTestId('check-mobile')).toContainText('it was never looked up');
  await shots(page, 'troubleshoot-found-by-phone');

  // "Unlock…" opens the unlock confirmation on Cal's page; Cancel changes nothing.
  await locked.getByRole('link', { name: 'Unlock…' }).click();
  await expect(page).toHaveURL(/#\/users\/cal%40example\.com$/);
  const dialog = page.getByRole('dialog', { name: 'Unlock' });
  await expect(dialog).toContainText('Cal Caller can sign in again');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('status-headline')).toContainText('Locked by ada@example.com');

  await page.goBack();
  await locked.getByRole('link', { name: "Open Cal Caller's page" }).click();
  await expect(page.getByRole('heading', { name: 'Cal Caller', exact: true })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.goBack();
  await locked.getByRole('link', { name: 'The events in the error log' }).click();
  await expect(page).toHaveURL(/#\/errors\?user=cal%40example\.com&type=account_lock&type=admin_lock/);
  await expect(page.getByRole('grid', { name: 'Events' }).getByText('Account Locked by Admin')).toBeVisible();
});
