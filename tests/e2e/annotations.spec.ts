import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessibleInBothThemes } from './support/axe';
import { expect, test } from './support/console';

const FIXTURES = join(__dirname, '../fixtures/import');
const SHOTS = '/work/shots/notes';

/** Light and dark at 1024 and 1360 px, of the page or of one part of it; left light at 1360. */
async function notesShots(page: Page, name: string): Promise<void> {
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

test('an investigator stars and tags an event in a workspace, filters by the tag, and exports them', async ({
  page,
  mfa,
}) => {
  await mfa.open(page, '/investigate');
  await page.getByTestId('workspace-path').fill(join(mfa.dataDir, 'q3.sqlite'));
  await page.getByRole('button', { name: 'New workspace' }).click();
  await page.getByTestId('import-files').setInputFiles([join(FIXTURES, 'twilio-messages.csv')]);
  await page.getByRole('button', { name: 'Import 1 file' }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Imported');
  await summary.getByRole('link', { name: 'Explore in the Error log' }).click();

  const grid = page.getByRole('grid', { name: 'Events' });
  const rows = grid.locator('.MuiDataGrid-row');
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  expect(total).toBeGreaterThan(2);
  await rows.nth(1).click();
  const drawer = page.getByRole('dialog', { name: 'Event details' });
  const editor = drawer.getByTestId('annotation-editor');
  await expect(editor).toContainText('Not annotated yet.');

  await editor.getByRole('button', { name: 'Star this event' }).click();
  await expect(editor.getByRole('button', { name: 'Starred' })).toHaveAttribute('aria-pressed', 'true');
  const tags = editor.getByRole('combobox', { name: 'Tags' });
  await tags.fill('Sim-Swap');
  await tags.press('Enter');
  await expect(editor.getByRole('button', { name: 'sim-swap' })).toBeVisible();
  await tags.fill('q3, callback');
  await tags.press('Enter');
  await expect(editor.getByRole('button', { name: 'callback' })).toBeVisible();
  // A tag the rules refuse is named and nothing is saved.
  await tags.fill('no/slash');
  await tags.press('Enter');
  await expect(editor).toContainText("“no/slash” may hold only letters a-z, digits, '.', '_' and '-'");
  await tags.fill('');
  await expect(editor).not.toContainText('“no/slash”');
  await editor.getByRole('textbox', { name: 'Note' }).fill('Three codes in a minute to a new number: ask the carrier.');
  await editor.getByRole('button', { name: 'Save note' }).click();
  await expect(editor.getByRole('button', { name: 'Save note' })).toBeDisabled();
  await expect(editor.getByTestId('annotation-changed')).toContainText('Last changed by ada@example.com');
  await notesShots(page, 'drawer-editor');
  await expectAccessibleInBothThemes(page, 'the event drawer with its annotation editor');

  await drawer.getByRole('button', { name: 'Close details' }).click();
  const marked = rows.nth(1);
  await expect(marked.getByTestId('row-star')).toBeVisible();
  await expect(marked.getByTestId('row-tags')).toHaveText(/callback.*q3.*sim-swap/);
  await notesShots(page, 'table-stars-tags');

  // The Tag filter: in the URL, in the count, and on its own menu with counts.
  await page.getByRole('combobox', { name: 'Tag' }).click();
  const menu = page.getByRole('listbox');
  await expect(menu.getByRole('option', { name: /sim-swap/ })).toBeVisible();
  await notesShots(page, 'filter-bar-tag-menu');
  await expectAccessibleInBothThemes(page, 'the tag menu');
  await menu.getByRole('option', { name: /sim-swap/ }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/tag=sim-swap/);
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('event-count')).toContainText('1 event');
  // Controlled by the URL: the box shows checked once the URL says so.
  await page.getByRole('checkbox', { name: 'Starred only' }).click();
  await expect(page).toHaveURL(/starred=1/);
  await expect(page.getByRole('checkbox', { name: 'Starred only' })).toBeChecked();
  await expect(rows).toHaveCount(1);
  await notesShots(page, 'filter-bar-filtered');

  // The export of the filtered view carries the marks.
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export events' });
  await dialog.getByRole('radio', { name: 'NDJSON' }).check();
  const target = await dialog.getByLabel('Save to').inputValue();
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByTestId('export-done')).toContainText('Wrote 1 row');
  const lines = readFileSync(target, 'utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0])).toMatchObject({
    starred: true,
    tags: ['callback', 'q3', 'sim-swap'],
    note: 'Three codes in a minute to a new number: ask the carrier.',
  });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A fresh load of the same URL (a link, a bookmark) opens the same filtered view.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Starred only' })).toBeChecked();
  await expect(rows).toHaveCount(1);
});
