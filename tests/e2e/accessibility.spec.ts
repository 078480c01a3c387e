import type { Locator, Page } from '@playwright/test';
import { expectAccessibleInBothThemes } from './support/axe';
import { expect, test, type RunningConsole } from './support/console';
import { writeCarrierEpisode } from './support/incident-world-db';
import { CAL, addAdaAndCal } from './support/people';

// axe runs twice per screen (light, dark) on a shared 2-core machine.
test.describe.configure({ timeout: 150_000 });

/**
 * axe-core on every page and dialog of the console, in the light and the dark theme, failing on
 * any serious or critical violation (the issue found, on every page, a navigation list holding
 * non-list children, no level-one heading and skipped heading levels).
 */

function demo(mfa: RunningConsole) {
  mfa.cli(['seed', '--users', '60', '--events', '1500', '--seed', '5']);
  const users = JSON.parse(mfa.cli(['users', 'list', '--json', '--limit', '500'])).value.users as {
    email: string;
    role: string;
    status: string;
    state: string;
  }[];
  const employee = users.find((u) => u.role === 'employee' && u.state === 'code_required')!;
  return { employee };
}

async function dialogIn(page: Page, open: () => Promise<unknown>, name: string | RegExp, where: string) {
  await open();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expectAccessibleInBothThemes(page, where);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('the empty console: overview and every page', async ({ page, mfa }) => {
  await mfa.open(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expectAccessibleInBothThemes(page, 'the empty overview');
  for (const [route, heading] of [
    ['/errors', 'Multi-Factor Authentication Errors'],
    ['/users', 'Users'],
    ['/trends', 'Trends'],
    ['/troubleshoot', 'Troubleshooting'],
    ['/audit', 'Audit'],
    ['/investigate', 'Investigate'],
    ['/settings', 'Settings'],
    ['/approvals', 'Approvals'],
  ]) {
    await mfa.open(page, route);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectAccessibleInBothThemes(page, `${route} (empty)`);
  }
});

test('with demo data: overview, error log and its drawer, menus and dialogs', async ({ page, mfa }) => {
  demo(mfa);
  await mfa.open(page);
  await expect(page.getByTestId('attention-locked')).not.toHaveText('…');
  await expectAccessibleInBothThemes(page, 'the overview');

  await mfa.open(page, '/errors');
  await expect(page.getByRole('grid', { name: 'Events' }).locator('.MuiDataGrid-row').first()).toBeVisible();
  await expectAccessibleInBothThemes(page, 'the error log (errors)');
  await page.getByRole('switch', { name: 'Include sign-ins and admin actions' }).click();
  await expect(page).toHaveURL(/all=1/);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByRole('grid', { name: 'Events' }).locator('.MuiDataGrid-row').first()).toBeVisible();
  await expectAccessibleInBothThemes(page, 'the error log (everything)');

  await page.getByRole('combobox', { name: 'Type' }).click();
  await expect(page.getByRole('listbox')).toBeVisible();
  await expectAccessibleInBothThemes(page, 'the type menu');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();

  await page.getByRole('grid', { name: 'Events' }).locator('.MuiDataGrid-row').first().click();
  await expect(page.getByRole('dialog', { name: 'Event details' }).getByRole('heading', { level: 2 })).toBeVisible();
  await expectAccessibleInBothThemes(page, 'the event drawer');
  await page.keyboard.press('Escape');

  await dialogIn(page, () => page.getByRole('button', { name: 'Export' }).click(), 'Export events', 'export');
  await page.getByRole('button', { name: 'Saved filters' }).click();
  await expectAccessibleInBothThemes(page, 'the saved filters menu');
  await page.getByRole('menuitem', { name: 'Save current filters…' }).click();
  await expect(page.getByRole('dialog', { name: 'Save filters' })).toBeVisible();
  await expectAccessibleInBothThemes(page, 'save filters');
  await page.keyboard.press('Escape');
});

test('with demo data: users, a user and every action dialog, trends, troubleshooting, settings', async ({
  page,
  mfa,
}) => {
  const { employee } = demo(mfa);
  mfa.cli(['user', employee.email, 'lock', '--reason', 'Phone reported stolen']);

  await mfa.open(page, '/users');
  await expect(page.getByRole('table', { name: 'Users' }).locator('tbody tr').first()).toBeVisible();
  await expectAccessibleInBothThemes(page, 'the directory');
  await dialogIn(page, () => page.getByRole('button', { name: 'Add user' }).click(), 'Add user', 'add user');

  await mfa.open(page, `/users/${encodeURIComponent(employee.email)}`);
  await expect(page.getByTestId('status-headline')).toContainText('Locked by');
  await page
    .getByRole('region', { name: 'Verify the caller' })
    .getByRole('button', { name: /Send code/ })
    .click();
  await expect(page.getByRole('region', { name: 'Verify the caller' })).toContainText('Sent to');
  await expectAccessibleInBothThemes(page, 'a locked user');
  const actions = page.getByRole('region', { name: 'Actions' }).getByRole('button');
  const labels = await actions.evaluateAll((list) =>
    list.filter((b) => !(b as HTMLButtonElement).disabled).map((b) => b.textContent ?? ''),
  );
  expect(labels.length).toBeGreaterThanOrEqual(5);
  for (const label of labels) {
    const button: Locator = page.getByRole('region', { name: 'Actions' }).getByRole('button', { name: label });
    await dialogIn(page, () => button.click(), label, `the "${label}" dialog`);
  }

  await mfa.open(page, '/trends');
  await expect(page.getByTestId('chart-daily').locator('.recharts-rectangle').first()).toBeVisible();
  await expectAccessibleInBothThemes(page, 'trends');

  await mfa.open(page, `/troubleshoot?email=${encodeURIComponent(employee.email)}`);
  await expect(page.getByTestId('finding-locked')).toBeVisible();
  await expectAccessibleInBothThemes(page, 'troubleshooting');
  await page.getByRole('textbox', { name: 'Caller: name, email or phone' }).fill('example.com');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('list', { name: 'Matching users' })).toBeVisible();
  await expectAccessibleInBothThemes(page, 'troubleshooting, several callers match');

  await mfa.open(page, '/settings');
  await expect(page.getByRole('heading', { level: 2, name: 'MFA policy' })).toBeVisible();
  await expectAccessibleInBothThemes(page, 'settings');
  await dialogIn(
    page,
    () => page.getByRole('switch', { name: 'Firm-wide 2FA' }).click(),
    /firm/i,
    'the firm-wide 2FA confirmation',
  );
});

/** The focused element draws a ring: an outline of at least 2 px, or a text field's focused border. */
async function expectVisibleFocus(page: Page, what: string) {
  const focus = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', ring: false };
    const style = getComputedStyle(el);
    // MUI's text fields and selects show focus as a 2 px coloured border on their input box.
    const field = el.closest('.MuiInputBase-root');
    // A checkbox or radio's own input is invisible: MUI draws its focus on the round button around it.
    const box =
      el instanceof HTMLInputElement && ['checkbox', 'radio'].includes(el.type)
        ? el.closest('.MuiButtonBase-root')
        : null;
    const drawn = box ? getComputedStyle(box) : style;
    const ring = field
      ? field.classList.contains('Mui-focused')
      : drawn.outlineStyle !== 'none' && parseFloat(drawn.outlineWidth) >= 2;
    return { tag: el.tagName, text: (el.getAttribute('aria-label') ?? el.textContent ?? '').slice(0, 40), ring };
  });
  expect(focus.ring, `visible focus on ${what}: ${JSON.stringify(focus)}`).toBe(true);
}

/** Presses Tab until the focused element matches, checking the focus ring at every stop. */
async function tabTo(page: Page, target: Locator, what: string, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    await expectVisibleFocus(page, `the way to ${what}`);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

test('keyboard only, with a visible focus ring: find a user, lock the account, unlock it', async ({ page, mfa }) => {
  mfa.cli([
    'users',
    'add',
    '--reason',
    'New starter',
    '--name',
    'Cal Caller',
    '--email',
    'cal@example.com',
    '--role',
    'employee',
    '--phone',
    '+447111222444',
  ]);
  await mfa.open(page);
  await page.locator('body').focus();

  await tabTo(page, page.getByRole('link', { name: 'Users' }), 'the Users link');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await tabTo(page, page.getByRole('textbox', { name: 'Search users' }), 'the search');
  await page.keyboard.type('cal');
  await expect(page.getByRole('table', { name: 'Users' }).locator('tbody tr')).toHaveCount(1);
  await tabTo(page, page.getByRole('link', { name: 'Cal Caller', exact: true }), "Cal's row");
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Cal Caller' })).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Lock user account' }), 'Lock user account');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Lock user account' });
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByLabel('Reason (recorded in the audit log)'), 'the reason');
  await page.keyboard.type('Keyboard-only check');
  await tabTo(page, dialog.getByRole('button', { name: 'Lock Account' }), 'Lock Account');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-headline')).toContainText('Locked by ada@example.com');

  await tabTo(page, page.getByRole('button', { name: 'Unlock', exact: true }), 'Unlock');
  await page.keyboard.press('Space');
  const unlock = page.getByRole('dialog', { name: 'Unlock' });
  // No caller check of hers: Ada, an administrator, says how she verified the caller.
  await tabTo(
    page,
    unlock.getByLabel('Verified another way (administrators; flagged in the audit)'),
    'verified another way',
  );
  await page.keyboard.press('Space');
  await tabTo(page, unlock.getByLabel('How was the caller verified?'), 'how');
  await page.keyboard.type('Verified in person with a staff card');
  await tabTo(page, unlock.getByLabel('Reason (recorded in the audit log)'), 'the reason');
  await page.keyboard.type('Verified in person');
  await tabTo(page, unlock.getByRole('button', { name: 'Unlock' }), 'Unlock in the dialog');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-headline')).toContainText('Can sign in');
});

test('safer changes: the Audit page with data, the bulk dialog and the temporary access dialog', async ({
  page,
  mfa,
}) => {
  const { employee } = demo(mfa);
  await mfa.open(page, '/audit');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await expectAccessibleInBothThemes(page, 'the audit page');

  await mfa.open(page, '/users?filter=locked');
  await page.getByRole('checkbox', { name: 'Select all shown users' }).check();
  await dialogIn(
    page,
    () => page.getByRole('button', { name: 'Bulk unlock…' }).click(),
    'Bulk unlock',
    'the bulk unlock preview',
  );

  await mfa.open(page, `/users/${encodeURIComponent(employee.email)}`);
  await dialogIn(
    page,
    () => page.getByRole('button', { name: 'Issue temporary access…' }).click(),
    /^Temporary access for/,
    'the temporary access dialog',
  );
});

test('incidents: the Trends card, an incident page and a user caught in it', async ({ page, mfa }) => {
  mfa.cli(['seed', '--users', '200', '--events', '20000', '--seed', '42']);
  const { incidents } = JSON.parse(mfa.cli(['incidents', '--kind', 'provider', '--json'])).value as {
    incidents: { id: number }[];
  };
  expect(incidents.length).toBeGreaterThan(0);
  await mfa.open(page, '/trends');
  await page.getByRole('button', { name: 'Last 90 days' }).click();
  await expect(page.getByTestId('incident-row').first()).toBeVisible();
  await expectAccessibleInBothThemes(page, 'trends with incidents');
  await mfa.open(page, `/trends/incidents/${incidents[0].id}`);
  const users = page.getByRole('table', { name: 'Users affected by the incident' });
  await expect(users.locator('tbody tr').first()).toBeVisible();
  await expectAccessibleInBothThemes(page, 'an incident');
  await users.locator('tbody tr').first().getByRole('link').click();
  await expect(page.getByTestId('user-incident')).toBeVisible();
  await expectAccessibleInBothThemes(page, 'a user caught in an incident');
});

test('incident remediation: the marked directory, the drawer mark and the bulk preview from an incident', async ({
  page,
  mfa,
}) => {
  const dee = { name: 'Dee Dunn', email: 'dee@example.com', phone: '+447400200002' };
  await addAdaAndCal(mfa);
  mfa.cli([
    'users',
    'add',
    '--reason',
    'New starter',
    '--name',
    dee.name,
    '--email',
    dee.email,
    '--role',
    'employee',
    '--phone',
    dee.phone,
  ]);
  await writeCarrierEpisode(mfa, [CAL.email, dee.email]);
  mfa.userCli(['verify', 'send', CAL.email]);
  for (let i = 0; i < 5; i++) expect(() => mfa.userCli(['verify', 'check', CAL.email, '000000'])).toThrow();
  mfa.cli(['detect-incidents']);
  await mfa.open(page, '/users?filter=incident-caused');
  await expect(page.getByTestId('incident-cause-mark')).toHaveCount(1);
  await expectAccessibleInBothThemes(page, 'the directory filtered to incident victims');
  await mfa.open(page, `/errors?user=${encodeURIComponent(CAL.email)}&type=cooldown_activated`);
  await page.locator('.MuiDataGrid-row').first().click();
  await expect(page.getByTestId('drawer-incident-cause')).toBeVisible();
  await expectAccessibleInBothThemes(page, 'the drawer of an event an incident likely caused');
  await page.getByTestId('drawer-incident-cause').getByRole('link').click();
  await dialogIn(
    page,
    () => page.getByRole('button', { name: 'Reset their cooldowns…' }).click(),
    'Bulk cooldown reset',
    "an incident's bulk cooldown reset",
  );
});
