import { expect, shot, test } from './support/console';
import { addAdaAndCal } from './support/people';

test('troubleshooting pre-fills what the data knows and finds the cooldown and carrier filtering', async ({
  page,
  mfa,
}) => {
  addAdaAndCal(mfa);
  // The carrier filters the first code as spam (30007); the next arrives but the user mistypes it five times.
  mfa.cli(['policy', 'set', '--reason', 'Test policy', 'resendIntervalSeconds=0', '--actor', 'ada@example.com']); // no waiting in a test
  mfa.cli([
    'policy',
    'simulate-failure',
    '--reason',
    'Training exercise',
    '30007',
    '--times',
    '1',
    '--actor',
    'ada@example.com',
  ]);
  expect(() => mfa.cli(['verify', 'send', 'cal@example.com'])).toThrow(/SMS_FAILURE|30007/);
  mfa.cli(['verify', 'send', 'cal@example.com']);
  for (let i = 0; i < 5; i++) expect(() => mfa.cli(['verify', 'check', 'cal@example.com', '000000'])).toThrow();

  await mfa.open(page, '/users/cal%40example.com');
  await page.getByRole('main').getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await expect(page.getByRole('textbox', { name: "Caller's email" })).toHaveValue('cal@example.com');

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

test('troubleshooting says which email is unknown', async ({ page, mfa }) => {
  await mfa.open(page, '/troubleshoot');
  await page.getByRole('textbox', { name: "Caller's email" }).fill('nobody@example.com');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('alert')).toHaveText('No user has the email nobody@example.com.');
});

test("a locked-out administrator is walked through the FAQ's recovery path", async ({ page, mfa }) => {
  addAdaAndCal(mfa);
  mfa.cli([
    'users',
    'add',
    '--reason',
    'New starter',
    '--name',
    'Bo Backup',
    '--email',
    'bo@example.com',
    '--role',
    'administrator',
  ]);
  mfa.cli([
    'user',
    'ada@example.com',
    'lock',
    '--actor',
    'bo@example.com',
    '--reason',
    'Lost phone, suspicious sign-ins',
  ]);

  await mfa.open(page, '/troubleshoot');
  await page.getByRole('textbox', { name: "Caller's email" }).fill('ada@example.com');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('finding-locked')).toBeVisible();
  const recovery = page.getByTestId('finding-administrator-recovery');
  await expect(recovery).toContainText('An administrator who cannot sign in');
  await expect(recovery).toContainText('1 other active administrator');
  await expect(recovery).toContainText("your firm's URL");
  await recovery.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('troubleshoot-admin-locked') });
});
