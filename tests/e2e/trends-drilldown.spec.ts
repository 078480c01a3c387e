import { readFileSync } from 'node:fs';
import { copyFileSync, mkdirSync } from 'node:fs';
import { expectAccessibleInBothThemes } from './support/axe';
import { expect, shot, shots, test, type RunningConsole } from './support/console';
import type { Page } from '@playwright/test';

// The operator's own zone, not UTC: the heatmaps and the explorer must agree in it.
test.use({ timezoneId: 'Europe/London' });

const SHOTS = '/work/shots/charts';

async function look(page: Page, name: string) {
  await shots(page, name);
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1024, 1360])
    for (const theme of ['light', 'dark'])
      copyFileSync(shot(`${name}-${width}-${theme}`), `${SHOTS}/${name}-${width}-${theme}.png`);
}

const figure = (label: string, word: string) =>
  Number(new RegExp(`([\\d,]+) ${word}`).exec(label)![1].replace(/,/g, ''));

async function openTrends(page: Page, mfa: RunningConsole) {
  await mfa.open(page);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  // Seeding the demo is the slow step of this spec: on a busy machine it takes a while.
  await expect(page.getByRole('heading', { name: 'This console is empty' })).toBeHidden({ timeout: 60_000 });
  await page.getByRole('link', { name: 'Trends' }).click();
  await expect(page.getByTestId('heat-weekday-hour-cell').first()).toBeVisible();
}

/** The explorer's filters, from its address. */
async function filtersOf(page: Page): Promise<URLSearchParams> {
  await expect(page).toHaveURL(/#\/errors\?/);
  return new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
}

/** The explorer's exact count of what it lists. */
async function explorerCount(page: Page): Promise<number> {
  const count = page.getByTestId('event-count');
  await expect(count).toHaveAttribute('data-exact', 'true');
  return Number(((await count.textContent()) ?? '').replace(/[^\d]/g, ''));
}

test.setTimeout(150_000);

test('every bar, cell and point opens the error log with exactly its filter and rows', async ({ page, mfa }) => {
  await openTrends(page, mfa);

  // A carrier x day cell with failures: the carrier and the day, failures only.
  const cells = page.getByTestId('heat-carrier-day-cell');
  const labels = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const busiest = labels.reduce((best, l) => (figure(l, 'failures') > figure(best, 'failures') ? l : best));
  const [carrier, day] = busiest.split(':')[0].split(', ');
  await page.getByRole('link', { name: busiest }).hover();
  await expect(page.getByTestId('chart-carrier-day-readout')).toHaveText(busiest);
  await look(page, 'trends-carrier-day-readout');
  await page.getByRole('link', { name: busiest }).click();
  const opened = await filtersOf(page);
  expect(Object.fromEntries(opened)).toMatchObject({ from: day, to: day, carrier });
  expect(opened.getAll('type')).toEqual(['sms_failure', 'mfa_provider_failure']);
  expect(await explorerCount(page)).toBe(figure(busiest, 'failures'));
  await expect(page.getByRole('combobox', { name: 'Carrier' })).toHaveValue(new RegExp(carrier));
  await expect(page.getByRole('grid').getByRole('row').nth(1)).toContainText(carrier);
  await page.goBack();
  await expect(page.getByTestId('heat-weekday-hour-cell').first()).toBeVisible();

  // A weekday x hour cell, opened from the keyboard: the hour and weekday filters, as chips.
  const hourCells = page.getByTestId('heat-weekday-hour-cell');
  const hourLabels = await hourCells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const peak = hourLabels.reduce((best, l) => (figure(l, 'failures') > figure(best, 'failures') ? l : best));
  const link = page.getByRole('link', { name: peak });
  await page.mouse.move(0, 0); // the pointer must not rest on another cell when the focus scrolls the page
  await link.focus();
  await expect(page.getByTestId('chart-weekday-hour-readout')).toHaveText(peak);
  await page.keyboard.press('Enter');
  const [, weekdayName, span] = /^(\w+)s (\d\d:00–\d\d:59):/.exec(peak)!;
  const clock = await filtersOf(page);
  expect(Number(clock.get('hour'))).toBe(Number(span.slice(0, 2)));
  expect(clock.get('weekday')).toMatch(/^[1-7]$/);
  expect(clock.get('tz')).toBeNull(); // the operator's own zone
  await expect(page.getByTestId('clock-filters')).toContainText(`${weekdayName}s`);
  await expect(page.getByTestId('clock-filters')).toContainText(`${span} Europe/London`);
  expect(await explorerCount(page)).toBe(figure(peak, 'failures'));
  await look(page, 'explorer-after-heatmap');
  await expectAccessibleInBothThemes(page, 'the error log opened from a heatmap cell (chips)');
  await page.goBack();
  await expect(page.getByTestId('heat-weekday-hour-cell').first()).toBeVisible();

  // A bar of the UTC per-carrier chart: that carrier's SMS failures over the range, in UTC days.
  const bar = page.getByTestId('chart-carriers').getByTestId('chart-link').first();
  const barLabel = (await bar.getAttribute('aria-label'))!;
  await bar.click();
  expect(Object.fromEntries(await filtersOf(page))).toMatchObject({
    type: 'sms_failure',
    tz: 'UTC',
    carrier: barLabel.split(':')[0],
  });
  expect(await explorerCount(page)).toBe(figure(barLabel, 'SMS Failure'));
  await expect(page.getByTestId('clock-filters')).toContainText('Days in UTC');
  await page.goBack();
  await expect(page.getByTestId('heat-weekday-hour-cell').first()).toBeVisible();

  // A point of the provider-failures line: its day and its code.
  const point = page.getByTestId('chart-provider').getByTestId('chart-link').first();
  const pointLabel = (await point.getAttribute('aria-label'))!;
  const code = /Error Code: (\S+)/.exec(pointLabel)![1];
  await point.click();
  expect(Object.fromEntries(await filtersOf(page))).toMatchObject({ type: 'mfa_provider_failure', code, tz: 'UTC' });
  expect(await explorerCount(page)).toBe(figure(pointLabel, 'MFA Provider Failure'));
  await look(page, 'explorer-after-point');
  await page.goBack();
  await expect(page.getByTestId('heat-weekday-hour-cell').first()).toBeVisible();

  // A failure-rate bar by country: that country's failures, and the bar shows its volume.
  const rate = page.getByTestId('chart-failure-country').getByTestId('chart-link').first();
  const rateLabel = (await rate.getAttribute('aria-label'))!;
  await expect(page.getByTestId('chart-failure-country')).toContainText(/attempts/);
  await rate.click();
  expect((await filtersOf(page)).get('country')).toBe(rateLabel.slice(0, 2));
  expect(await explorerCount(page)).toBe(Number(/\(([\d,]+)\)$/.exec(rateLabel)![1].replace(/,/g, '')));
});

test('each chart exports its data as CSV and itself as a PNG of its own size', async ({ page, mfa }) => {
  await openTrends(page, mfa);
  await expectAccessibleInBothThemes(page, 'trends with every view');
  const card = page.getByTestId('chart-weekday-hour');

  const csvDownload = page.waitForEvent('download');
  await card.getByRole('button', { name: /as CSV/ }).click();
  const csv = readFileSync((await (await csvDownload).path())!, 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe('weekday,hour,sends,failed_deliveries,provider_failures,failure_rate');
  expect(csv).toHaveLength(1 + 168);
  // The CSV holds what the cells say.
  const labels = await page
    .getByTestId('heat-weekday-hour-cell')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const total = csv.slice(1).reduce((sum, line) => {
    const [, , , failed, provider] = line.split(',');
    return sum + Number(failed) + Number(provider);
  }, 0);
  expect(total).toBe(labels.reduce((sum, l) => sum + figure(l, 'failures'), 0));

  const pngDownload = page.waitForEvent('download');
  await card.getByRole('button', { name: /as PNG/ }).click();
  const png = readFileSync((await (await pngDownload).path())!);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const box = (await page.getByTestId('heat-weekday-hour').boundingBox())!;
  expect(png.readUInt32BE(16)).toBe(Math.round(box.width));
  expect(png.readUInt32BE(20)).toBe(Math.round(box.height));
  expect(png.length).toBeGreaterThan(2000); // drawn, not blank

  // A recharts chart too.
  const daily = page.getByTestId('chart-daily');
  const barsPng = page.waitForEvent('download');
  await daily.getByRole('button', { name: /as PNG/ }).click();
  const bars = readFileSync((await (await barsPng).path())!);
  const svgBox = (await daily.locator('svg.recharts-surface').first().boundingBox())!;
  expect(bars.readUInt32BE(16)).toBe(Math.round(svgBox.width));
  await card.scrollIntoViewIfNeeded();
  await look(page, 'trends-views');
});
