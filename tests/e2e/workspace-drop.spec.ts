import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeTwilioBurstCsv } from '../support/twilio-burst';
import { expectAccessibleInBothThemes } from './support/axe';
import { expect, test } from './support/console';

const FIXTURES = join(__dirname, '../fixtures/import');
const SHOTS = process.env.MFA_SHOTS_DIR ?? join(__dirname, '../../screenshots');
const DAY = 86_400_000;
const FROM = Date.parse('2026-08-01T00:00:00Z');

/** Light and dark, 1024 and 1360 px wide. */
async function shots(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1024, 1360]) {
    await page.setViewportSize({ width, height: 860 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: join(SHOTS, `${name}-${width}-${colorScheme}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1360, height: 860 });
}

/** Files dragged from the desktop: a DataTransfer of real File objects, as Chromium builds one for a drop. */
async function dragFiles(page: Page, files: { name: string; text: string }[]) {
  return page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    return transfer;
  }, files);
}

test('two vendor files dropped on the window go into a new workspace; its incident, Trends and troubleshooting follow', async ({
  page,
  mfa,
}) => {
  const csv = join(mfa.dataDir, 'messages-august.csv');
  const burst = { start: FROM + 10 * DAY + 9 * 3_600_000, hours: 4, code: '30007', every: 2 };
  writeTwilioBurstCsv(csv, { from: FROM, days: 12, perHour: 20, burst });
  const files = [
    { name: 'messages-august.csv', text: readFileSync(csv, 'utf8') },
    { name: 'okta-logs-pages.json', text: readFileSync(join(FIXTURES, 'okta-logs-pages.json'), 'utf8') },
  ];

  await mfa.open(page, '/investigate');
  await page.getByTestId('workspace-path').fill(join(mfa.dataDir, 'august.sqlite'));
  await page.getByRole('button', { name: 'New workspace' }).click();
  await expect(page.getByTestId('workspace-open')).toContainText('august.sqlite');

  // Dragged over any part of the window: the overlay says where they go.
  const transfer = await dragFiles(page, files);
  await page.dispatchEvent('header', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toContainText('Drop to import into august.sqlite');
  await shots(page, 'drop-overlay');
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeHidden();

  // Uploaded through the web shell's upload endpoint, the formats said before anything is written.
  const detected = page.getByTestId('detected-table');
  await expect(detected).toContainText('twilio-messages-csv');
  await expect(detected).toContainText('okta-logs-json');
  await expect(detected).toContainText('messages-august.csv');
  await page.getByRole('button', { name: 'Import 2 files' }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText(/Imported 5,7\d\d events/);
  await expect(page.getByTestId('import-incidents')).toContainText(
    /Incident detector: [1-9]\d* incidents? in the imported events/,
  );
  await expect(page.getByTestId('sources-table')).toContainText('messages-august.csv');

  // Explore: the imported events in the Error log, newest first (the Okta file's), then the burst's failures.
  await summary.getByRole('link', { name: 'Explore in the Error log' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Jane Doe' }).first()).toBeVisible();
  await mfa.open(page, '/errors?all=1&code=30007');
  await expect(page.getByRole('row').filter({ hasText: '30007' }).first()).toBeVisible();

  // Trends over the workspace's own span, with the incident the burst made.
  await page.getByRole('link', { name: 'Trends' }).click();
  const card = page.getByTestId('incidents-card');
  // The burst, as the card lists it: the provider whose deliveries failed, from the burst's first hour.
  const row = card.getByTestId('incident-row').filter({ hasText: 'Provider twilio' }).first();
  await expect(row).toContainText('2026-08-11 09:00');
  await expect(row).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shots(page, 'workspace-trends-incidents');
  await row.getByRole('link').first().click();
  await expect(page.getByTestId('incident-summary')).toContainText(/2\d users affected/);
  await expect(page.getByTestId('incident-summary')).toContainText('Mostly 30007');
  await expect(page.getByTestId('incident-users-workspace')).toContainText('live-only');
  await expect(page.getByRole('table', { name: 'Users affected by the incident' })).toContainText(
    'Not known in a workspace',
  );
  await shots(page, 'workspace-incident');

  // Troubleshooting: the caller found by phone among the imported events.
  await mfa.open(page, '/troubleshoot');
  await page.getByLabel('Caller: email or phone (E.164)').fill('+447400123100');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByTestId('troubleshoot-workspace')).toContainText('From the imported events of august.sqlite');
  await expect(page.getByTestId('troubleshoot-live-only')).toContainText('Not available in a workspace');
  await expect(page.getByTestId('finding-carrier-filtering')).toBeVisible();
  await expect(page.getByTestId('finding-carrier-filtering').getByRole('link', { name: /page/ })).toHaveCount(0);
  await shots(page, 'workspace-troubleshoot');

  // And by email, with the lock the Okta log shows.
  await page.getByLabel('Caller: email or phone (E.164)').fill('jane.doe@example.com');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByTestId('finding-locks-seen')).toContainText('known only to the live console');
  await shots(page, 'workspace-troubleshoot-email');
  await expectAccessibleInBothThemes(page, 'troubleshooting in a workspace');
});
