import { expect, shot, shots, test } from './support/console';

test('an empty console shows the frame with live figures and loads demo data', async ({ page, mfa }) => {
  await mfa.open(page);
  const status = page.getByRole('status', { name: 'Status bar' });
  await expect(status.getByTestId('status-db')).toHaveText('mfa-console.sqlite');
  await expect(status.getByTestId('status-schema')).toHaveText(/^Schema v[1-9]\d*$/);
  await expect(status.getByTestId('status-provider')).toHaveText('Provider: Simulated');
  await expect(status.getByTestId('status-users')).toHaveText('0 users');
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
