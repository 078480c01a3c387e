import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresServer } from '../support/postgres-server';
import { expect, FIRST_ADMIN, shots, startConsole } from './support/console';
import { test } from '@playwright/test';
import { addAdaAndCal, CAL } from './support/people';

let server: PostgresServer;
const dirs: string[] = [];

test.beforeAll(async () => {
  server = await startPostgres();
  await server.admin('CREATE DATABASE mfa_live');
});
test.afterAll(async () => {
  await server?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

test('two consoles on one team database: a lock placed in one appears in the other without a reload', async ({
  browser,
}) => {
  const env = { MFA_CONSOLE_DATABASE_URL: server.url('mfa_live') };
  const [dirA, dirB] = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'mfa-e2e-team-')));
  dirs.push(dirA, dirB);
  const a = await startConsole(dirA, env);
  const b = await startConsole(dirB, env);
  try {
    await a.console.bootstrap(FIRST_ADMIN);
    await addAdaAndCal(a.console);
    const [pageA, pageB] = [await browser.newPage(), await browser.newPage()];
    await a.console.open(pageA, '/users', FIRST_ADMIN);
    await b.console.open(pageB, '/users', FIRST_ADMIN);
    // The second desktop says which database it is on, and already lists the user the first one added.
    await expect(pageB.getByRole('status', { name: 'Status bar' })).toContainText(
      /Team database mfa_live on 127\.0\.0\.1:\d+/,
    );
    for (const page of [pageA, pageB]) {
      await page.getByRole('textbox', { name: 'Search users' }).fill('cal');
      await page.getByRole('cell', { name: CAL.name, exact: true }).click();
      await expect(page.getByTestId('status-headline')).toContainText('Can sign in');
    }

    await pageA.getByRole('button', { name: 'Lock user account' }).click();
    const dialog = pageA.getByRole('dialog', { name: 'Lock user account' });
    await dialog.getByLabel('Reason (recorded in the audit log)').fill('Phone reported stolen');
    await dialog.getByRole('button', { name: 'Lock Account' }).click();
    await expect(dialog).toBeHidden();

    // The other desktop, untouched: LISTEN/NOTIFY tells it, and it re-reads what it shows.
    await expect(pageB.getByTestId('status-headline')).toContainText('Locked by ada@example.com', { timeout: 3000 });
    await expect(pageB.getByRole('button', { name: 'Lock user account' })).toBeDisabled();
    await shots(pageB, 'team-live-locked-elsewhere');

    // And back: an unlock from the command line of a third terminal reaches both windows.
    a.console.cli([
      'user',
      CAL.email,
      'unlock',
      '--reason',
      'Caller verified',
      '--verified-another-way',
      'manager callback on the number in HR records',
    ]);
    for (const page of [pageA, pageB])
      await expect(page.getByTestId('status-headline')).toContainText('Can sign in', { timeout: 3000 });
  } finally {
    await a.stop();
    await b.stop();
  }
});
