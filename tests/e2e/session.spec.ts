import { expect, FIRST_ADMIN, PASSWORD, shots, test } from './support/console';

test('fifteen minutes without a key or a click lock the console; the password unlocks it where the operator was', async ({
  page,
  mfa,
}) => {
  await page.clock.install();
  await mfa.open(page, '/users');
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  const operator = page.getByTestId('signed-in-operator');
  await expect(operator).toContainText('Ada Admin');

  // Fourteen minutes idle: still open.
  await page.clock.fastForward('14:00');
  await expect(page.getByRole('heading', { name: 'The console is locked' })).toHaveCount(0);
  // A minute and a bit more: locked, nothing of the console behind it.
  await page.clock.fastForward('01:10');
  await expect(page.getByRole('heading', { name: 'The console is locked', level: 1 })).toBeVisible();
  await expect(page.getByText(`${FIRST_ADMIN.name} (${FIRST_ADMIN.email})`, { exact: false })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toHaveCount(0);
  await shots(page, 'session-locked');

  // A wrong password is refused and the console stays locked.
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not the password at all');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText(/password/i);
  await expect(page.getByRole('heading', { name: 'The console is locked', level: 1 })).toBeVisible();

  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/users');
  await expect(operator).toContainText('Ada Admin');
});
