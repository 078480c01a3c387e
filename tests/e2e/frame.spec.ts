import { expect, shot, test } from './support/console';

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
  await page.screenshot({ path: shot('frame-demo') });
});

test('the console follows the OS dark setting', async ({ page, mfa }) => {
  await mfa.open(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 20, 24)');
  await page.screenshot({ path: shot('frame-dark') });
});
