import type { Page } from '@playwright/test';
import { expect, shots, test, type RunningConsole } from './support/console';
import { writeCarrierEpisode } from './support/incident-world-db';
import { CAL, addAdaAndCal } from './support/people';

const DEE = { name: 'Dee Dunn', email: 'dee@example.com', phone: '+447400200002' };
const FAY = { name: 'Fay Field', email: 'fay@example.com', phone: '+447400200003' };
const EVE = { name: 'Eve Else', email: 'eve@example.com', phone: '+447400200005' };
const LABEL = 'Carrier Testnet Mobile';

function addEmployee(mfa: RunningConsole, who: { name: string; email: string; phone: string }) {
  mfa.cli([
    'users',
    'add',
    '--reason',
    'New starter',
    '--name',
    who.name,
    '--email',
    who.email,
    '--role',
    'employee',
    '--phone',
    who.phone,
  ]);
}

/** Five wrong codes from the user's own terminal: the engine puts them in cooldown. */
function intoCooldown(mfa: RunningConsole, email: string) {
  mfa.userCli(['verify', 'send', email]);
  for (let i = 0; i < 5; i++) expect(() => mfa.userCli(['verify', 'check', email, '000000'])).toThrow();
}

const coolingDown = (mfa: RunningConsole, email: string) =>
  JSON.parse(mfa.cli(['users', 'list', '--status', 'cooldown', '--json'])).value.users.some(
    (u: { email: string }) => u.email === email,
  ) as boolean;

async function look(page: Page, name: string) {
  await shots(page, `remedy-${name}`);
}

/**
 * Cal, Dee and Fay lose their codes in a carrier filtering episode; Cal and Dee then go into
 * cooldown; Eve, on no incident, is in cooldown too. The console ties Cal's and Dee's cooldowns to the
 * incident everywhere, and the incident's page resets exactly theirs.
 */
test("an incident's victims are marked as such, and its page resets exactly their cooldowns", async ({ page, mfa }) => {
  // Five users, nine days of a carrier's history and four sign-ins from a terminal: more than a minute on a busy machine.
  test.setTimeout(180_000);
  await addAdaAndCal(mfa);
  for (const who of [DEE, FAY, EVE]) addEmployee(mfa, who);
  await writeCarrierEpisode(mfa, [CAL.email, DEE.email, FAY.email], { email: EVE.email, days: 4, carrier: 'Othernet' });
  for (const email of [CAL.email, DEE.email, EVE.email]) intoCooldown(mfa, email);
  mfa.cli(['detect-incidents']);
  const [incident] = JSON.parse(mfa.cli(['incidents', '--kind', 'carrier', '--json'])).value.incidents as {
    id: number;
  }[];
  // The command line previews the same batch.
  const preview = JSON.parse(mfa.cli(['bulk', 'reset-cooldown', '--incident', String(incident.id), '--json']))
    .value as {
    affected: { email: string }[];
  };
  expect(preview.affected.map((a) => a.email)).toEqual([CAL.email, DEE.email]);

  // The directory: the filter, and the mark on each row.
  await mfa.open(page, '/users?filter=incident-caused');
  const table = page.getByRole('table', { name: 'Users' });
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.getByRole('link', { name: `Likely caused by ${LABEL}` })).toHaveCount(2);
  await expect(table).toContainText(CAL.name);
  await expect(table).toContainText(DEE.name);
  await look(page, 'directory');
  await page.getByRole('button', { name: 'In cooldown' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody tr', { hasText: EVE.name }).getByTestId('incident-cause-mark')).toHaveCount(0);

  // The user view.
  await table.getByRole('link', { name: CAL.name }).click();
  const note = page.getByTestId('user-incident');
  await expect(note).toContainText(`Likely caused by ${LABEL}`);
  await expect(note).toContainText('followed failed deliveries to them in it');
  await look(page, 'user-view');

  // Troubleshooting.
  await page.getByRole('main').getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  const finding = page.getByTestId('finding-incident-cause');
  await expect(finding).toContainText(`Likely caused by ${LABEL}`);
  await expect(finding).toContainText('a new code will likely fail too while it lasts');
  await expect(finding.getByRole('link', { name: 'Open the incident' })).toBeVisible();
  await finding.scrollIntoViewIfNeeded();
  await look(page, 'troubleshoot');

  // The explorer's drawer, for Cal's cooldown.
  await page.goto(`${mfa.url}/#/errors?user=${encodeURIComponent(CAL.email)}&type=cooldown_activated`);
  await page.locator('.MuiDataGrid-row').first().click();
  const drawer = page.getByRole('dialog', { name: 'Event details' });
  await expect(drawer.getByTestId('drawer-incident-cause')).toContainText(`Likely caused by ${LABEL}`);
  await look(page, 'drawer');
  await drawer.getByTestId('drawer-incident-cause').getByRole('link', { name: LABEL }).click();

  // The incident page: preview exactly who, one reason, a result per user.
  await expect(page.getByRole('heading', { level: 1, name: LABEL })).toBeVisible();
  await page.getByRole('button', { name: 'Reset their cooldowns…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bulk cooldown reset' });
  const affected = dialog.getByTestId('bulk-affected');
  await expect(affected.getByRole('listitem')).toHaveCount(2);
  await expect(affected).toContainText(CAL.name);
  await expect(affected).toContainText(DEE.name);
  await expect(dialog.getByTestId('bulk-skipped')).toContainText(`${FAY.email}: not in cooldown`);
  await expect(dialog).not.toContainText(EVE.email);
  await dialog.getByLabel('Reason (recorded for each user)').fill('Carrier filtering episode, codes delivered again');
  await dialog.getByLabel('Verified another way: how (administrators)').fill('incident confirmed with the carrier');
  await look(page, 'incident-preview');
  await dialog.getByRole('button', { name: 'Reset cooldown 2' }).click();
  await expect(dialog.getByTestId('bulk-result')).toHaveText('2 cleared of their cooldown, 1 skipped.');
  await dialog.getByRole('button', { name: 'Close' }).click();

  expect(coolingDown(mfa, CAL.email)).toBe(false);
  expect(coolingDown(mfa, DEE.email)).toBe(false);
  expect(coolingDown(mfa, EVE.email)).toBe(true);
  const resets = JSON.parse(mfa.cli(['events', 'query', '--type', 'cooldown_reset', '--json'])).value.rows as {
    userEmail: string;
    reason: string;
    actor: string;
  }[];
  expect(resets.map((r) => [r.userEmail, r.actor, r.reason]).sort()).toEqual([
    [CAL.email, 'ada@example.com', 'Carrier filtering episode, codes delivered again'],
    [DEE.email, 'ada@example.com', 'Carrier filtering episode, codes delivered again'],
  ]);

  // Trends: the carrier with several affected users opens the error log filtered to it.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Trends' }).click();
  const repeat = page.getByRole('region', { name: 'Repeat-failing users' });
  await expect(repeat.getByRole('row', { name: new RegExp(EVE.name) })).toContainText('Othernet');
  const carriers = page.getByRole('region', { name: 'Carriers with several affected users' });
  await expect(carriers.getByRole('row', { name: /Testnet Mobile/ })).toContainText('3');
  await carriers.scrollIntoViewIfNeeded();
  await look(page, 'trends-lists');
  await carriers.getByRole('link', { name: 'Testnet Mobile: failed deliveries in the error log' }).click();
  await expect(page).toHaveURL(/#\/errors\?carrier=Testnet(\+|%20)Mobile&type=sms_failure&type=mfa_provider_failure/);
  await expect(page.getByTestId('event-count')).toHaveText(/^[1-9][\d,]* events$/);
});
