import { expect, FIRST_ADMIN, PASSWORD, shot, shots, test } from './support/console';

test('a first start: setup makes the first administrator, whose first sign-in shows the recovery codes once; then demo data', async ({
  page,
  blank: mfa,
}) => {
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(mfa.launchUrl);
  await expect(page.getByRole('heading', { name: 'Set up the console', level: 1 })).toBeVisible();
  // The token is taken out of the address bar once read.
  expect(page.url()).not.toContain('token=');
  await shots(page, 'session-setup');
  await page.getByLabel('Your name').fill(FIRST_ADMIN.name);
  await page.getByLabel('Email').fill(FIRST_ADMIN.email);
  await page.getByLabel('Mobile number').fill('+44 7111 222333');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByLabel('Password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create the administrator' }).click();

  // Sign in: the password, then the code, which the simulated phone shows on this screen.
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(FIRST_ADMIN.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Send a code to +44••••••••33' }).click();
  const sms = page.getByTestId('simulated-sign-in-sms');
  await expect(sms).toContainText(/\d{6}/);
  await shots(page, 'session-second-factor');
  await page.getByLabel('Code from the SMS').fill(/(\d{6})/.exec((await sms.textContent()) ?? '')![1]);
  await page.getByRole('button', { name: 'Verify' }).click();

  // The recovery codes: ten, in order, once; the console opens only after "I have saved these codes".
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const shown = await codes.allTextContents();
  expect(shown.every((code) => /^\d{15}$/.test(code))).toBe(true);
  await shots(page, 'session-recovery-codes');
  await expect(page.getByRole('button', { name: 'Continue to the console' })).toBeDisabled();
  await page.getByLabel('I have saved these codes').check();
  await page.getByRole('button', { name: 'Continue to the console' }).click();

  const status = page.getByRole('status', { name: 'Status bar' });
  await expect(page.getByTestId('signed-in-operator')).toContainText('Signed in as Ada Admin (administrator)');
  await expect(status.getByTestId('status-db')).toHaveText('mfa-console.sqlite');
  await expect(status.getByTestId('status-schema')).toHaveText(/^Schema v[1-9]\d*$/);
  await expect(status.getByTestId('status-provider')).toHaveText('Provider: Simulated');
  await expect(status.getByTestId('status-users')).toHaveText('1 user');
  // Shown once: after signing out and in again, no codes, only the count on her page.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Use a backup code instead' }).click();
  await page.getByLabel('Backup code').fill(shown[0]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('signed-in-operator')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Recovery codes' })).toHaveCount(0);
  // The command line signs in too (with another of her codes), to read what the page shows.
  await mfa.cliLogin(FIRST_ADMIN, { backupCode: shown[1] });
  await expect(page.getByRole('heading', { name: 'This console is empty' })).toBeVisible();
  // The token is taken out of the address bar once read.
  expect(page.url()).not.toContain('token=');
  await page.screenshot({ path: shot('frame-empty') });

  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('heading', { name: 'This console is empty' })).toBeHidden();
  const users = Number((await status.getByTestId('status-users').innerText()).replace(/\D/g, ''));
  expect(users).toBeGreaterThan(0);
  // The figures are the database's, as the command line reads them from the same folder.
  const info = JSON.parse(mfa.cli(['info', '--json']));
  await expect(status.getByTestId('status-users')).toHaveText(`${info.value.counts.users.toLocaleString('en')} users`);
  await expect(status.getByTestId('status-events')).toHaveText(
    `${info.value.counts.events.toLocaleString('en')} events`,
  );
  // The overview points the helpdesk at the users who cannot sign in.
  const locked = JSON.parse(mfa.cli(['users', 'list', '--status', 'locked', '--json'])).value.total;
  await expect(page.getByTestId('attention-locked')).toHaveText(String(locked));
  await page.getByTestId('attention-locked').click();
  await expect(page.getByTestId('users-count')).toHaveText(`Showing ${locked} of ${locked}`);
  await page.goBack();
  // Locked users are a problem (red); 2FA disabled is a choice an administrator made, not an error.
  const colour = (id: string) => page.getByTestId(id).evaluate((el) => getComputedStyle(el).color);
  const disabled = JSON.parse(mfa.cli(['users', 'list', '--status', '2fa-disabled', '--json'])).value.total;
  expect(disabled).toBeGreaterThan(0);
  expect(locked).toBeGreaterThan(0);
  await expect(page.getByTestId('attention-2fa-disabled')).toHaveText(String(disabled));
  const text = await page.getByText('Users who need the helpdesk').evaluate((el) => getComputedStyle(el).color);
  expect(await colour('attention-locked')).not.toBe(text);
  expect(await colour('attention-2fa-disabled')).toBe(text);
  await shots(page, 'overview-demo');
  await page.screenshot({ path: shot('frame-demo') });
});

test('the console follows the OS dark setting', async ({ page, mfa }) => {
  await mfa.open(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 20, 24)');
  await page.screenshot({ path: shot('frame-dark') });
});
