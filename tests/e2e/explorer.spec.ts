import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ERROR_EVENT_IDS, EVENT_TYPES } from '../../src/shared/events';
import { expect, shot, shots, test, type RunningConsole } from './support/console';
import { addGrace, graceApproves } from './support/people';

/** The Error log opens on the errors only: the CLI's arguments for the same view. */
const ERRORS = ERROR_EVENT_IDS.flatMap((type) => ['--type', type]);

// The operator is not in UTC: From/To days must be read on their clock, not the server's.
const ZONE = 'America/New_York';
test.use({ timezoneId: ZONE, actionTimeout: 10_000 });

interface Row {
  id: number;
  occurredAt: number;
  type: string;
  userName: string | null;
  userEmail: string | null;
  providerCode: string | null;
  carrier: string | null;
}
interface QueryValue {
  rows: Row[];
  total: { value: number; exact: boolean };
}

/** The CLI runs the same query code as the UI: it is the expected answer. */
function query(mfa: RunningConsole, args: string[]): QueryValue {
  const out = JSON.parse(mfa.cli(['events', 'query', '--json', '--limit', '1000', ...args])) as {
    value: QueryValue;
  };
  return out.value;
}
function exactTotal(mfa: RunningConsole, args: string[]): number {
  // First pages above 10,000 matches may be estimated; the export count is exact, so page to the end.
  const first = query(mfa, args);
  if (first.total.exact) return first.total.value;
  throw new Error(`expected an exact total for ${args.join(' ')}`);
}

const nyDay = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone: ZONE });
const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const counted = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'event' : 'events'}`;

function seed(mfa: RunningConsole, events = 3000) {
  mfa.cli(['seed', '--users', '60', '--events', String(events), '--seed', '5']);
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Events' });
const dataRows = (page: Page) => grid(page).locator('.MuiDataGrid-row');
const typeCells = (page: Page) => grid(page).locator('.MuiDataGrid-row [data-field="typeLabel"]');

async function chooseType(page: Page, label: string) {
  await page.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: new RegExp(`^${label}`) }).click();
  await page.keyboard.press('Escape');
}

test('search and the type filter narrow the log to what the CLI finds; the documents’ types come first', async ({
  page,
  mfa,
}) => {
  seed(mfa);
  await mfa.open(page, '/errors');
  await expect(page.getByRole('heading', { name: 'Multi-Factor Authentication Errors' })).toBeVisible();
  await expect(page.getByTestId('event-count')).toHaveText(counted(exactTotal(mfa, ERRORS)));

  await page.getByRole('combobox', { name: 'Type' }).click();
  // Menu items only: MUI gives the group subheaders the option role too.
  const options = page.locator('.MuiMenuItem-root[role="option"]');
  await expect(options.nth(0)).toContainText('Account Lock');
  await expect(options.nth(1)).toContainText('Cooldown Activated');
  await expect(options.nth(2)).toContainText('MFA Provider Failure');
  await expect(options.nth(3)).toContainText('Not My Number');
  await page.screenshot({ path: shot('explorer-type-menu') });
  await page.getByRole('option', { name: /^MFA Provider Failure/ }).click();
  await page.keyboard.press('Escape');

  await expect(page).toHaveURL(/type=mfa_provider_failure/);
  const failures = query(mfa, ['--type', 'mfa_provider_failure']);
  await expect(page.getByTestId('event-count')).toHaveText(counted(failures.total.value));
  await expect(typeCells(page).first()).toHaveText('MFA Provider Failure');
  for (const text of await typeCells(page).allTextContents()) expect(text).toBe('MFA Provider Failure');

  // Search by the email of someone who met a provider failure: only their failures remain.
  const email = failures.rows.find((r) => r.userEmail)!.userEmail!;
  await page.getByRole('textbox', { name: 'Search events' }).fill(email);
  const theirs = query(mfa, ['--type', 'mfa_provider_failure', '--search', email]);
  await expect(page.getByTestId('event-count')).toHaveText(counted(theirs.total.value));
  await expect(dataRows(page)).toHaveCount(Math.min(theirs.total.value, 50));
  const name = theirs.rows[0].userName!;
  for (const text of await grid(page).locator('.MuiDataGrid-row [data-field="userName"]').allTextContents()) {
    expect(text).toBe(name);
  }
  await page.screenshot({ path: shot('explorer-search-and-type') });
});

test('sorting by a column header asks the server, and is kept in the URL', async ({ page, mfa }) => {
  seed(mfa);
  await mfa.open(page, '/errors?type=sms_failure');
  await grid(page).getByRole('columnheader', { name: 'Carrier' }).click();
  await expect(page).toHaveURL(/sort=carrier(:|%3A)desc/);
  const expected = query(mfa, ['--type', 'sms_failure', '--sort', 'carrier:desc']).rows;
  await expect(dataRows(page).first()).toHaveAttribute('data-id', String(expected[0].id));
  const shown = await dataRows(page).evaluateAll((rows) => rows.map((r) => r.dataset.id));
  expect(shown).toEqual(expected.slice(0, shown.length).map((r) => String(r.id)));
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: shot('explorer-list-dark') });
});

test('From and To are the operator’s days, both included: the newest row is on the To day', async ({ page, mfa }) => {
  seed(mfa);
  // An error about ten days back from a New York evening, when the UTC date has already turned:
  // its New York day is the To day, and the same days read in UTC leave it out.
  const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const anchor = query(mfa, ['--to', tenDaysAgo, ...ERRORS]).rows.find(
    (r) => nyDay(r.occurredAt) !== utcDay(r.occurredAt),
  );
  if (!anchor) throw new Error(`the seeded data has no error from a New York evening up to ${tenDaysAgo}`);
  const to = nyDay(anchor.occurredAt);
  const from = shiftDay(to, -2);

  await mfa.open(page, '/errors');
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('To', { exact: true }).fill(to);
  await expect(page).toHaveURL(new RegExp(`from=${from}.*to=${to}`));

  const expected = query(mfa, ['--from', from, '--to', to, '--tz', ZONE, ...ERRORS]);
  await expect(page.getByTestId('event-count')).toHaveText(counted(expected.total.value));
  const firstWhen = grid(page).locator('.MuiDataGrid-row').first().locator('[data-field="occurredAt"]');
  await expect(firstWhen).toHaveText(new RegExp(`^${to} `));
  const lastWhen = grid(page).locator('.MuiDataGrid-row [data-field="occurredAt"]');
  for (const text of await lastWhen.allTextContents()) {
    expect(text >= `${from} 00:00:00` && text <= `${to} 23:59:59`).toBe(true);
  }
  // The same days read in UTC would be a different set of events: the zone was sent.
  const utc = query(mfa, ['--from', from, '--to', to, ...ERRORS]);
  expect(expected.rows.map((r) => r.id)).toContain(anchor.id);
  expect(utc.rows.map((r) => r.id)).not.toContain(anchor.id);
  await expect(page.getByTestId('zone-note')).toHaveText(`Both days included. Times in ${ZONE}; hover a time for UTC.`);
  // Each time is on the operator's clock, its UTC on hover.
  await expect(firstWhen.locator('time')).toHaveAttribute('title', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  await page.screenshot({ path: shot('explorer-date-range') });
});

test('nothing matching says "No records available" and Clear filters brings everything back', async ({ page, mfa }) => {
  seed(mfa);
  await mfa.open(page, '/errors?type=account_lock');
  await page.getByRole('textbox', { name: 'Search events' }).fill('zzqxv');
  await expect(page.getByTestId('no-records')).toContainText('No records available');
  await page.screenshot({ path: shot('explorer-empty') });
  await page.getByTestId('no-records').getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('event-count')).toHaveText(counted(exactTotal(mfa, ERRORS)));
  await expect(page.getByRole('textbox', { name: 'Search events' })).toHaveValue('');
  await expect(page).toHaveURL(/#\/errors$/);
});

test('the drawer explains a provider failure, links to the user and to more like this', async ({ page, mfa }) => {
  seed(mfa);
  const failure = query(mfa, ['--type', 'mfa_provider_failure', '--code', '500']).rows[0];
  await mfa.open(page, '/errors?type=mfa_provider_failure&code=500');
  await dataRows(page).first().click();
  const drawer = page.getByRole('dialog', { name: 'Event details' });
  await expect(drawer.getByRole('heading', { name: `Event ${failure.id}` })).toBeVisible();
  await expect(drawer.getByTestId('drawer-user-message')).toHaveText('“MFA Provider Failure, Error Code: 500”');
  await expect(drawer.getByTestId('drawer-code-meaning')).toContainText('HTTP 500');
  await expect(drawer.getByTestId('drawer-code-action')).toContainText('retry later and check the provider status');
  await expect(drawer).toContainText(failure.userEmail!);
  await page.screenshot({ path: shot('explorer-drawer') });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: shot('explorer-drawer-dark') });
  await page.emulateMedia({ colorScheme: 'light' });

  const sameUser = drawer.getByRole('button', { name: `All events of ${failure.userName}` });
  await sameUser.scrollIntoViewIfNeeded();
  await expect(drawer.getByRole('button', { name: 'Every error 500' })).toBeVisible();
  await page.screenshot({ path: shot('explorer-drawer-links') });
  await sameUser.click();
  await expect(drawer).toBeHidden();
  // "All events of …" means all of them: the switch turns on for sign-ins and admin actions.
  await expect(page).toHaveURL(new RegExp(`\\?user=\\d+&all=1$`));
  await expect(page.getByTestId('event-count')).toHaveText(
    counted(query(mfa, ['--user', failure.userEmail!]).total.value),
  );

  await dataRows(page).first().click();
  await drawer.getByRole('link', { name: /^Open .*'s page$/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/users/${encodeURIComponent(failure.userEmail!).replace(/\./g, '\\.')}$`));
});

test('keyboard: / focuses search, arrows move through rows, Enter opens the drawer', async ({ page, mfa }) => {
  seed(mfa);
  const expected = query(mfa, ['--type', 'account_lock']).rows;
  await mfa.open(page, '/errors?type=account_lock');
  await expect(typeCells(page).first()).toHaveText('Account Lock');
  await page.getByRole('heading', { name: 'Multi-Factor Authentication Errors' }).click();
  await page.keyboard.press('/');
  await expect(page.getByRole('textbox', { name: 'Search events' })).toBeFocused();
  await page.keyboard.press('ArrowDown'); // into the first row
  await page.keyboard.press('ArrowDown'); // the second
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Event details' });
  await expect(drawer.getByRole('heading', { name: `Event ${expected[1].id}` })).toBeVisible();
  await expect(drawer.getByTestId('drawer-user-message')).toContainText('Account locked');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  // Focus returns to the row, so the next arrow continues from there.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(drawer.getByRole('heading', { name: `Event ${expected[2].id}` })).toBeVisible();
});

test('Back restores the previous filters; paging goes forward and back by cursor', async ({ page, mfa }) => {
  seed(mfa);
  await mfa.open(page, '/errors');
  await chooseType(page, 'SMS Failure');
  await expect(page).toHaveURL(/type=sms_failure/);
  const sms = query(mfa, ['--type', 'sms_failure']);
  await expect(page.getByTestId('event-count')).toHaveText(counted(sms.total.value));

  const carrier = sms.rows[0].carrier!;
  await page.getByRole('combobox', { name: 'Carrier' }).fill(carrier);
  await page.getByRole('option', { name: new RegExp(`^${carrier}`) }).click();
  const both = query(mfa, ['--type', 'sms_failure', '--carrier', carrier]);
  await expect(page.getByTestId('event-count')).toHaveText(counted(both.total.value));

  await page.goBack();
  await expect(page.getByRole('combobox', { name: 'Carrier' })).toHaveValue('');
  await expect(page.getByRole('combobox', { name: 'Type' })).toHaveText('SMS Failure');
  await expect(page.getByTestId('event-count')).toHaveText(counted(sms.total.value));

  // Page 2 starts where page 1 ended (keyset), and Previous returns to the same rows.
  expect(sms.total.value).toBeGreaterThan(50);
  const firstPage = await grid(page)
    .locator('.MuiDataGrid-row')
    .evaluateAll((rows) => rows.map((r) => r.dataset.id));
  // The grid renders only the rows in view; those are the CLI's first rows, in order.
  expect(firstPage.length).toBeGreaterThan(5);
  expect(firstPage).toEqual(sms.rows.slice(0, firstPage.length).map((r) => String(r.id)));
  await page.getByRole('button', { name: 'Go to next page' }).click();
  await expect(dataRows(page).first()).toHaveAttribute('data-id', String(sms.rows[50].id));
  await page.getByRole('button', { name: 'Go to previous page' }).click();
  await expect(dataRows(page).first()).toHaveAttribute('data-id', String(sms.rows[0].id));

  await page.goBack();
  await expect(page.getByTestId('event-count')).toHaveText(counted(exactTotal(mfa, ERRORS)));
});

test('the Users page and user view open the explorer for one user; a filter is saved, reopened and deleted', async ({
  page,
  mfa,
}) => {
  seed(mfa);
  const someone = query(mfa, ['--type', 'account_lock']).rows[0];
  const theirs = query(mfa, ['--user', someone.userEmail!]).total.value;
  await mfa.open(page, `/users?q=${encodeURIComponent(someone.userEmail!)}`);
  await expect(page.getByRole('button', { name: `Error log for ${someone.userName}` })).toBeVisible();
  await page.screenshot({ path: shot('users-directory') });
  await page.getByRole('button', { name: `Error log for ${someone.userName}` }).click();
  await expect(page).toHaveURL(new RegExp(`#/errors\\?user=`));
  await expect(page.getByTestId('event-count')).toHaveText(counted(theirs));

  await mfa.open(page, `/users/${encodeURIComponent(someone.userEmail!)}`);
  await page.getByRole('link', { name: 'All events of this user in the error log' }).click();
  await expect(page).toHaveURL(new RegExp(`#/errors\\?user=`));
  await expect(page.getByTestId('event-count')).toHaveText(counted(theirs));
  await expect(page.getByRole('combobox', { name: 'User' })).toHaveValue(someone.userEmail!);

  await page.getByRole('button', { name: 'Saved filters' }).click();
  await page.getByRole('menuitem', { name: 'Save current filters…' }).click();
  await page.getByRole('dialog', { name: 'Save filters' }).getByLabel('Name').fill('Caller history');
  await page.getByRole('dialog', { name: 'Save filters' }).getByRole('button', { name: 'Save' }).click();

  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page.getByTestId('event-count')).toHaveText(counted(exactTotal(mfa, ERRORS)));
  await page.getByRole('button', { name: 'Saved filters' }).click();
  await page.getByRole('menuitem', { name: 'Caller history' }).click();
  await expect(page.getByTestId('event-count')).toHaveText(counted(theirs));

  await page.getByRole('button', { name: 'Saved filters' }).click();
  await page.getByRole('button', { name: 'Delete saved filter Caller history' }).click();
  await expect(page.getByRole('menuitem', { name: 'Caller history' })).toBeHidden();
  await expect(page.getByRole('menuitem', { name: 'No saved filters yet' })).toBeVisible();
});

test('export writes exactly the filtered rows, masked; an unmasked export needs a reason and is audited', async ({
  page,
  mfa,
}) => {
  // Grace, the second administrator who approves the unmasked export, comes before the demo's own.
  await addGrace(mfa);
  seed(mfa);
  await mfa.open(page, '/errors?type=not_my_number&type=account_lock');
  const total = query(mfa, ['--type', 'not_my_number', '--type', 'account_lock']).total.value;
  await expect(page.getByTestId('event-count')).toHaveText(counted(total));
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export events' });
  const pathField = dialog.getByLabel('Save to');
  await expect(pathField).toHaveValue(/exports\/mfa-events-2-types-\d{4}-\d{2}-\d{2}\.csv$/);
  await page.screenshot({ path: shot('explorer-export-dialog') });
  const target = await pathField.inputValue();
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByTestId('export-done')).toContainText(`Wrote ${total.toLocaleString('en')} rows`);
  await page.screenshot({ path: shot('explorer-export-done') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The same filters through the CLI give the same file, byte for byte.
  const reference = join(mfa.dataDir, 'reference.csv');
  mfa.cli([
    'events',
    'export',
    '--format',
    'csv',
    '--out',
    reference,
    '--type',
    'not_my_number',
    '--type',
    'account_lock',
  ]);
  const written = readFileSync(target, 'utf8');
  expect(written).toBe(readFileSync(reference, 'utf8'));
  expect(written.trimEnd().split('\r\n')).toHaveLength(total + 1);
  expect(written).toContain('••');

  // Full phone numbers: the reason is required, another administrator approves, and the log records who asked.
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(pathField).toHaveValue(target);
  await dialog.getByRole('radio', { name: 'NDJSON' }).check();
  await expect(pathField).toHaveValue(target.replace(/\.csv$/, '.ndjson'));
  const ndjsonTarget = await pathField.inputValue();
  await dialog.getByRole('checkbox', { name: 'Include full phone numbers' }).check();
  await shots(page, 'explorer-export-dialog');
  await expect(dialog.getByRole('button', { name: 'Export' })).toBeDisabled();
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Carrier escalation needs full numbers');
  await page.screenshot({ path: shot('explorer-export-unmasked') });
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('alert')).toContainText("needs another administrator's approval: request #1 is filed");
  await expect(dialog.getByTestId('export-approval')).toContainText('Request #1');
  expect(existsSync(ndjsonTarget)).toBe(false);
  await graceApproves(mfa, 1, 'The carrier needs the numbers');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByTestId('export-done')).toBeVisible();
  const lines = readFileSync(ndjsonTarget, 'utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(total);
  expect(lines.some((l) => (JSON.parse(l) as { phone_masked: boolean }).phone_masked)).toBe(false);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Excel-friendly CSV: the same file after a UTF-8 byte-order mark.
  await page.getByRole('button', { name: 'Export' }).click();
  await dialog.getByRole('radio', { name: 'Excel-friendly CSV' }).check();
  await expect(pathField).toHaveValue(/\.csv$/);
  const excelTarget = target.replace(/\.csv$/, '-excel.csv');
  await pathField.fill(excelTarget);
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByTestId('export-rows')).toContainText('Excel-friendly CSV');
  await expect(dialog.getByTestId('export-done')).toBeVisible();
  const excel = readFileSync(excelTarget);
  expect([...excel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(excel.subarray(3).toString('utf8')).toBe(written);
  await dialog.getByRole('button', { name: 'Close' }).click();

  const audit = query(mfa, ['--type', 'export_unmasked']).rows;
  expect(audit).toHaveLength(1);
  // Recorded under the signed-in operator.
  expect(JSON.stringify(audit[0])).toContain('ada@example.com');
  expect(JSON.stringify(audit[0])).toContain('Carrier escalation needs full numbers');
});

test('at 300,000 events: an estimated total is marked and refined; a cancelled export leaves no file', async ({
  page,
  mfa,
}) => {
  // Enough rows for a common word to be estimated, and for the export to be running when Cancel is pressed.
  seed(mfa, 300_000);
  const exact = JSON.parse(mfa.cli(['events', 'count', '--search', 'verification', '--json'])) as {
    value: { value: number };
  };
  const errors = JSON.parse(mfa.cli(['events', 'count', ...ERRORS, '--json'])) as { value: { value: number } };
  // Hold the background count until the estimate has been seen, so both states are checked.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/eventsCount', async (route) => {
    await held;
    await route.continue();
  });
  await mfa.open(page, '/errors?q=verification&all=1');
  const total = page.getByTestId('event-count');
  await expect(total).toHaveText(/^About [\d,]+ events \(estimate, counting exactly…\)$/);
  await expect(total).toHaveAttribute('data-exact', 'false');
  await page.screenshot({ path: shot('explorer-estimate') });
  release();
  await expect(total).toHaveText(counted(exact.value.value));
  await expect(total).toHaveAttribute('data-exact', 'true');

  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(total).toHaveText(counted(errors.value.value));
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export events' });
  const target = await dialog.getByLabel('Save to').inputValue();
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await page.screenshot({ path: shot('explorer-export-running') });
  await dialog.getByRole('button', { name: 'Cancel export' }).click();
  await expect(dialog.getByTestId('export-cancelled')).toHaveText('Export cancelled; no file was written.');
  expect(existsSync(target)).toBe(false);
  // Not the target, and no temporary .part file either.
  expect(readdirSync(join(mfa.dataDir, 'exports'))).toEqual([]);
});

test('the Error log opens on the errors; one switch adds sign-ins and admin actions, with who acted; messages read in the grid', async ({
  page,
  mfa,
}) => {
  seed(mfa);
  const users = JSON.parse(mfa.cli(['users', 'list', '--json', '--limit', '500'])).value.users as {
    email: string;
    role: string;
    status: string;
    state: string;
  }[];
  const target = users.find((u) => u.role === 'employee' && u.state === 'code_required')!;
  mfa.cli(['user', target.email, 'lock', '--reason', 'Phone reported stolen']);

  await mfa.open(page, '/errors');
  await expect(page.getByTestId('event-count')).toHaveText(counted(exactTotal(mfa, ERRORS)));
  const errorLabels = EVENT_TYPES.filter((t) => t.kind === 'error').map((t) => t.label as string);
  await expect(typeCells(page).first()).toBeVisible();
  for (const text of await typeCells(page).allTextContents()) expect(errorLabels).toContain(text);
  // No sign-ins or admin actions to pick while the switch is off.
  await page.getByRole('combobox', { name: 'Type' }).click();
  await expect(page.getByRole('option', { name: /^Sign-in Succeeded/ })).toHaveCount(0);
  await expect(page.getByRole('option', { name: /^Account Lock/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(grid(page).getByRole('columnheader', { name: 'By' })).toHaveCount(0);

  const everything = page.getByRole('switch', { name: 'Include sign-ins and admin actions' });
  await expect(everything).not.toBeChecked();
  // The switch follows the URL (Back undoes it), which the router updates a moment after the click.
  await everything.click();
  await expect(everything).toBeChecked();
  await expect(page).toHaveURL(/all=1/);
  await expect(page.getByTestId('event-count')).toHaveText(counted(exactTotal(mfa, [])));
  // The operator's lock: who did it and why, in the grid itself.
  const lock = grid(page).locator('.MuiDataGrid-row').filter({ hasText: 'Account Locked by Admin' }).first();
  await expect(lock.locator('[data-field="actor"]')).toHaveText('ada@example.com');
  await expect(lock.locator('[data-field="message"]')).toContainText('reason: Phone reported stolen');
  await shots(page, 'explorer-everything');

  // A long message is read whole in its cell, without the drawer, at 1024 px too.
  await everything.click();
  await expect(everything).not.toBeChecked();
  await expect(page).not.toHaveURL(/all=1/);
  await page.setViewportSize({ width: 1024, height: 860 });
  const message = grid(page).getByRole('columnheader', { name: 'Message' });
  const box = (await message.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1024);
  const scroller = grid(page).locator('.MuiDataGrid-virtualScroller');
  // No sideways scrolling once the grid has laid itself out at the new width.
  await expect.poll(() => scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  const cell = grid(page).locator('.MuiDataGrid-row [data-field="message"]').first();
  expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1)).toBe(
    true,
  );
  await page.setViewportSize({ width: 1360, height: 860 });
  await shots(page, 'explorer-errors');
});
