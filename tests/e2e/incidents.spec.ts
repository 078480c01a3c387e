import { expect, shots, test } from './support/console';

test('trends list the incidents the detector found; one opens with its evidence and users, and a user shows it', async ({
  page,
  mfa,
}) => {
  await mfa.open(page);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('heading', { name: 'This console is empty' })).toBeHidden();

  await page.getByRole('link', { name: 'Trends' }).click();
  await page.getByRole('button', { name: 'Last 90 days' }).click();
  const card = page.getByRole('region', { name: 'Incidents' });
  const rows = card.getByTestId('incident-row');
  await expect(rows.first()).toBeVisible();
  // The demo's provider incidents (HTTP 500 for everyone) are among them, with the rate against the usual.
  await expect(card.getByRole('link', { name: 'Provider twilio' }).first()).toBeVisible();
  await expect(rows.first()).toContainText(/of (deliveries failed|sends converted); usually/);
  await shots(page, 'trends-incidents');

  await card.getByRole('link', { name: 'Provider twilio' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Provider twilio' })).toBeVisible();
  await expect(page.getByTestId('incident-summary')).toContainText(/failed messages out of \d+ attempts/);
  await expect(page.getByTestId('incident-chart').locator('.recharts-line-curve').first()).toBeVisible();
  const users = page.getByRole('table', { name: 'Users affected by the incident' });
  await expect(users.locator('tbody tr').first()).toBeVisible();
  await shots(page, 'incident');

  // The first affected user's view says they are one of many.
  const name = (await users.locator('tbody tr').first().getByRole('link').textContent()) ?? '';
  await users.locator('tbody tr').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('user-incident')).toContainText(
    /(Part of incident|Likely caused by) .+ \(\d+ users? affected\)/,
  );
  await shots(page, 'user-incident');
  await page.getByTestId('user-incident').getByRole('link').click();
  await expect(page.getByTestId('incident-summary')).toBeVisible();

  // The detector's parameters in Settings: checked against their range, saved with a reason, audited.
  await page.getByRole('link', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Incident detection' });
  const quiet = section.getByRole('textbox', { name: 'Quiet hours to close' });
  await expect(quiet).toHaveValue('2');
  await quiet.fill('0');
  await expect(section.getByText('Between 1 and 48')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Save detection settings' })).toBeDisabled();
  await quiet.fill('3');
  await section.scrollIntoViewIfNeeded();
  await shots(page, 'settings-incidents');
  await section.getByRole('button', { name: 'Save detection settings' }).click();
  const confirm = page.getByRole('dialog', { name: 'Save the incident detection settings' });
  await confirm.getByLabel('Reason (recorded in the audit log)').fill('Carriers here recover slowly');
  await confirm.getByRole('button', { name: 'Save detection settings' }).click();
  await expect(page.getByText('Incident detector saved: quietHours 2 → 3; incidents detected again.')).toBeVisible();
  const audit = mfa.cli(['events', 'query', '--type', 'settings_changed', '--json']);
  expect(audit).toContain('Carriers here recover slowly');
});
