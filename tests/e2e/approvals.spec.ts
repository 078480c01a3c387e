import { join } from 'node:path';
import { Database as Sqlite } from 'sqlite3';
import { expectAccessibleInBothThemes } from './support/axe';
import { ADA, addAdaAndCal, addGrace, CAL, GRACE } from './support/people';
import type { Locator, Page } from '@playwright/test';
import { expect, shot, shots, test, type RunningConsole } from './support/console';

test.describe.configure({ timeout: 150_000 });

/** The screen around a panel, scrolled to it, light and dark at 1024 and 1360 px (the columns reflow between). */
async function panelShots(page: Page, panel: Locator, name: string) {
  for (const width of [1024, 1360]) {
    await page.setViewportSize({ width, height: 860 });
    await panel.scrollIntoViewIfNeeded();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: shot(`${name}-${width}-${colorScheme}`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

function eventsOf(mfa: RunningConsole, type: string) {
  return new Promise<{ actor: string; details: string }[]>((resolve, reject) => {
    const db = new Sqlite(join(mfa.dataDir, 'mfa-console.sqlite'));
    db.all('SELECT actor, details FROM events WHERE type = ? ORDER BY id', [type], (error, rows) => {
      db.close();
      if (error) reject(error);
      else resolve(rows as { actor: string; details: string }[]);
    });
  });
}

test('a permanent 2FA disable filed by one administrator is approved by a second one in another browser', async ({
  page,
  browser,
  mfa,
}) => {
  await addAdaAndCal(mfa);
  await addGrace(mfa);

  // Ada verifies Cal on the phone: the code goes to his phone and he reads it back.
  await mfa.open(page, `/users/${encodeURIComponent(CAL.email)}`);
  const panel = page.getByRole('region', { name: 'Verify the caller' });
  await panel.getByRole('button', { name: 'Send code to registered phone' }).click();
  const sms = page.getByTestId('simulated-inbox').getByText(/A helpdesk agent is verifying your identity/);
  await expect(sms).toHaveCount(1);
  const code = /Code: (\d+)/.exec(await sms.innerText())?.[1];
  await expect(page.getByTestId('caller-check-result')).toContainText('3 tries left');
  await panelShots(page, panel, 'caller-check-pending');
  await panel.getByLabel('Code the caller reads back').fill(code!);
  await panel.getByRole('button', { name: 'Check code' }).click();
  await expect(page.getByTestId('caller-check-result')).toContainText('Caller verified by you');
  await panelShots(page, panel, 'caller-check-passed');

  // Permanently: filed as a request, nothing changes yet.
  await page.getByRole('button', { name: 'Disable 2FA' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disable 2FA' });
  await expect(dialog).toContainText('another administrator approves it on the Approvals page within 24 hours');
  await expect(dialog.getByTestId('caller-basis')).toContainText('Rests on your caller check passed at');
  await dialog.getByLabel('Permanently (until re-enabled)').check();
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Cal has no mobile signal at the new site');
  await dialog.getByRole('button', { name: 'Disable 2FA' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText(/Request #1 filed: disable 2fa permanently needs another administrator's approval/),
  ).toBeVisible();
  await expect(page.getByTestId('user-header')).not.toContainText('Disabled');

  // Ada's own request is not hers to decide.
  await mfa.open(page, '/approvals');
  await expect(page.getByTestId('approval-1')).toContainText('You filed it: another administrator must decide.');
  await expect(page.getByTestId('approval-1').getByRole('button', { name: 'Approve' })).toBeDisabled();
  await expect(page.getByTestId('pending-approvals')).toHaveCount(0);

  // Grace, in a browser of her own, sees the count in the navigation and approves.
  const other = await browser.newContext();
  const gracePage = await other.newPage();
  await mfa.open(gracePage, '/approvals', GRACE);
  await expect(gracePage.getByTestId('signed-in-operator')).toContainText('Grace Admin');
  await expect(gracePage.getByTestId('pending-approvals')).toHaveText('1');
  const row = gracePage.getByTestId('approval-1');
  await expect(row).toContainText('Disable 2FA permanently');
  await expect(row).toContainText('cal@example.com');
  await expect(row).toContainText('ada@example.com');
  await expect(row).toContainText('Cal has no mobile signal at the new site');
  await shots(gracePage, 'approvals-pending');
  await expectAccessibleInBothThemes(gracePage, 'the Approvals page with a pending request');

  await row.getByRole('button', { name: 'Approve' }).click();
  const approve = gracePage.getByRole('dialog', { name: /Approve request #1/ });
  await expect(approve).toContainText('Cal Caller (cal@example.com) signs in without a code until 2FA is re-enabled.');
  await expectAccessibleInBothThemes(gracePage, 'the approve dialog');
  await shots(gracePage, 'approvals-approve-dialog');
  await approve.getByLabel('Reason (recorded in the audit log)').fill('Confirmed with Cal’s manager');
  await approve.getByRole('button', { name: 'Approve and carry out' }).click();
  await expect(approve).toBeHidden();
  await expect(gracePage.getByText('Nothing is waiting.')).toBeVisible();
  await expect(gracePage.getByTestId('approval-1')).toContainText('executed');
  await expect(gracePage.getByTestId('pending-approvals')).toHaveCount(0);
  await shots(gracePage, 'approvals-decided');
  await other.close();

  // Cal's 2FA is off, and the event carries both names.
  await mfa.open(page, `/users/${encodeURIComponent(CAL.email)}`);
  await expect(page.getByTestId('user-header')).toContainText('2FA: Disabled permanently');
  const [disabled] = await eventsOf(mfa, 'two_factor_disabled');
  expect(disabled.actor).toBe(ADA.email);
  expect(JSON.parse(disabled.details)).toMatchObject({
    approval: { requestId: 1, requestedBy: ADA.email, approvedBy: GRACE.email },
    callerCheck: { actor: ADA.email, phone: '+44••••••••44' },
  });
  const [approved] = await eventsOf(mfa, 'approval_approved');
  expect(approved.actor).toBe(GRACE.email);

  // The error log's drawer says so first.
  await mfa.open(page, '/errors?type=two_factor_disabled&all=1');
  await page.getByRole('grid', { name: 'Events' }).locator('.MuiDataGrid-row').first().click();
  const drawer = page.getByRole('dialog', { name: 'Event details' });
  await expect(drawer.getByTestId('drawer-approval')).toHaveText(
    'Requested by ada@example.com, approved by grace@example.com (request #1).',
  );
  await shots(page, 'approvals-event-drawer');
});
