import { expect, shot, shots, test } from './support/console';

test('trends chart the demo organisation: errors per day, carriers, provider codes, hours', async ({ page, mfa }) => {
  await mfa.open(page);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('heading', { name: 'This console is empty' })).toBeHidden();

  await page.getByRole('link', { name: 'Trends' }).click();
  await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true');
  for (const id of ['chart-daily', 'chart-carriers', 'chart-provider', 'chart-hours']) {
    await expect(page.getByTestId(id).locator('.recharts-rectangle, .recharts-line-curve').first()).toBeVisible();
  }
  // The legend speaks the documents' labels, not ids.
  await expect(page.getByTestId('chart-daily').getByText('MFA Provider Failure')).toBeVisible();
  await expect(page.getByTestId('chart-provider').getByText('Error Code: 500')).toBeVisible();
  await page.screenshot({ path: shot('trends-30-days') });
  // In the dark theme every series (Session Expired's too) is drawn in the dark palette.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(
    page
      .getByTestId('chart-daily')
      .locator('.recharts-legend-item')
      .filter({ hasText: 'Session Expired' })
      .locator('path, rect')
      .first(),
  ).toHaveAttribute('fill', '#bcaaa4');
  await page.emulateMedia({ colorScheme: 'light' });
  await shots(page, 'trends');

  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page.getByTestId('chart-daily').locator('.recharts-xAxis .recharts-cartesian-axis-tick')).toHaveCount(7);
  // Changing the range redraws the rate charts with fewer rows, and the page survives it.
  await expect(page.getByTestId('chart-conversion-carrier').locator('.recharts-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('chart-failure-country').locator('.recharts-rectangle').first()).toBeVisible();
  await page.getByTestId('chart-conversion-carrier').scrollIntoViewIfNeeded();
  await shots(page, 'trends-7-days-rates');
});
