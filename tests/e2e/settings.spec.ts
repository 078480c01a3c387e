import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { FakeTwilio } from '../support/fake-twilio';
import { expect, PASSWORD, shot, shots, startConsole, test } from './support/console';
import { ADA } from './support/people';

/** Every settings change asks for a reason for the audit log before it is saved. */
async function confirmWithReason(page: Page, dialog: string, button: string, reason: string): Promise<void> {
  const confirm = page.getByRole('dialog', { name: dialog });
  await confirm.getByLabel('Reason (recorded in the audit log)').fill(reason);
  await confirm.getByRole('button', { name: button }).click();
  await expect(confirm).toBeHidden();
}

test('the MFA policy refuses an out-of-range number and saves a valid one, audited', async ({ page, mfa }) => {
  await mfa.open(page, '/settings');
  const cooldown = page.getByRole('textbox', { name: 'Cooldown lasts' });
  await expect(cooldown).toHaveValue('60');
  await cooldown.fill('0');
  await expect(page.getByText('Between 1 and 1440')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  await cooldown.fill('30');
  await page.getByRole('button', { name: 'Save policy' }).click();
  const confirm = page.getByRole('dialog', { name: 'Save the MFA policy' });
  await expect(confirm).toContainText('Cooldown lasts: 60 → 30');
  await expect(confirm.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  await confirm.getByLabel('Reason (recorded in the audit log)').fill('Shorter cooldown agreed with security');
  await confirm.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText('Policy saved: cooldownMinutes 60 → 30.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Cooldown lasts' })).toHaveValue('30');
  const audit = mfa.cli(['events', 'query', '--type', 'settings_changed', '--json']);
  expect(audit).toContain('ada@example.com');
  expect(audit).toContain('Shorter cooldown agreed with security');
});

test('firm-wide 2FA waits for a second administrator, then is enabled with confirmation', async ({ page, mfa }) => {
  await mfa.open(page, '/settings');
  const toggle = page.getByRole('switch', { name: 'Firm-wide 2FA' });
  await expect(toggle).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Firm-wide 2FA' })).toContainText('two active administrators');

  mfa.cli([
    'users',
    'add',
    '--reason',
    'New starter',
    '--name',
    'Bo Backup',
    '--email',
    'bo@example.com',
    '--role',
    'administrator',
  ]);
  await page.reload();
  await expect(toggle).toBeEnabled();
  await toggle.click();
  const dialog = page.getByRole('dialog', { name: 'Enable 2FA for the whole firm' });
  await dialog.getByLabel('Reason (recorded in the audit log)').fill('Security policy 2026');
  await dialog.getByRole('button', { name: 'Enable firm-wide' }).click();
  await expect(toggle).toBeChecked();
  await expect(page.getByRole('region', { name: 'Firm-wide 2FA' })).toContainText('On since');
  // The time it changed is on the operator's clock; the page names the zone once.
  await expect(page.getByRole('region', { name: 'Firm-wide 2FA' }).locator('time')).toHaveAttribute('title', / UTC$/);
  await expect(page.getByTestId('zone-note')).toBeVisible();
  await shots(page, 'settings');
});

base(
  'Twilio: a wrong token fails the connection test by name, the right one passes, and codes then go through Twilio',
  async ({ page }) => {
    const twilio = await FakeTwilio.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'mfa-e2e-twilio-'));
    const { console: mfa, stop } = await startConsole(dataDir, { MFA_CONSOLE_TWILIO_BASE_URL: twilio.baseUrl });
    try {
      await mfa.bootstrap(ADA);
      await mfa.open(page, '/settings');
      const provider = page.getByRole('region', { name: 'SMS provider' });
      await expect(provider.getByRole('radio', { name: 'Twilio Verify' })).toBeDisabled();

      await provider.getByLabel('Account SID').fill(twilio.accountSid);
      await provider.getByLabel('Auth Token').fill('0'.repeat(32));
      await provider.getByLabel('Verify Service SID').fill(twilio.verifyServiceSid);
      await provider.getByRole('button', { name: 'Save Twilio settings' }).click();
      await confirmWithReason(page, 'Save the Twilio settings', 'Save Twilio settings', 'Moving to Twilio Verify');
      await expect(provider.getByText(`Set, ends in ${twilio.accountSid.slice(-4)}`)).toBeVisible();
      await provider.getByRole('button', { name: 'Test connection' }).click();
      await expect(page.getByTestId('connection-test')).toContainText('Twilio refused the credentials (20003)');

      await provider.getByLabel('Auth Token').fill(twilio.authToken);
      await provider.getByRole('button', { name: 'Save Twilio settings' }).click();
      await confirmWithReason(
        page,
        'Save the Twilio settings',
        'Save Twilio settings',
        'Correct token from the Twilio console',
      );
      await expect(page.getByText('Twilio settings saved (Auth Token).')).toBeVisible();
      await provider.getByRole('button', { name: 'Test connection' }).click();
      await expect(page.getByTestId('connection-test')).toContainText('Connected to Twilio');
      // The token never comes back to the page.
      expect(await page.content()).not.toContain(twilio.authToken);

      await provider.getByRole('radio', { name: 'Twilio Verify' }).click();
      await confirmWithReason(page, 'Send codes through Twilio Verify', 'Use Twilio', 'Go-live of real SMS');
      await expect(page.getByRole('status', { name: 'Status bar' }).getByTestId('status-provider')).toHaveText(
        'Provider: Twilio',
      );
      await page.screenshot({ path: shot('settings-twilio') });

      // The helpdesk looks the number up from the user view: Twilio says it is VoIP.
      twilio.state.lineTypes.set('+447111222333', {
        type: 'nonFixedVoip',
        carrier_name: 'Voip Co',
        mobile_country_code: null,
        mobile_network_code: null,
        error_code: null,
      });
      await page.goto(`${mfa.url}/#/users/ada%40example.com`);
      const phone = page.getByRole('region', { name: 'Phone' });
      await phone.getByRole('button', { name: 'Look up line type and carrier (Twilio)' }).click();
      await expect(phone).toContainText('Carrier: Voip Co');
      await expect(phone.getByRole('alert')).toContainText('VoIP');
      await page.screenshot({ path: shot('users-twilio-lookup') });

      // Sign-ins now go through Twilio Verify: Ada's own, on this screen, with the code Twilio sent.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Email').fill(ADA.email);
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: /^Send a code to/ }).click();
      await expect(page.getByText(/A code was sent to/)).toBeVisible();
      // With Twilio the code goes to the real phone: the screen shows no simulated message.
      await expect(page.getByTestId('simulated-sign-in-sms')).toHaveCount(0);
      await page.getByLabel('Code from the SMS').fill(twilio.state.codeFor('+447111222333'));
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect(page.getByTestId('signed-in-operator')).toContainText('Ada Admin');
    } finally {
      await stop();
      await twilio.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);
