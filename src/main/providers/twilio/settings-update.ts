import type { ProviderChoice, ProviderSettingChange } from '../../../shared/contract/provider';
import { DomainError } from '../../core/domain-error';
import type { Clock } from '../../core/clock';
import { requireOperator } from '../../users/operators';
import type { Database } from '../../db/database';
import { appendEvent } from '../../events/append';
import type { SecretStore } from '../../secrets';
import { readSetting, writeSetting } from '../../settings/json-setting';
import { activeProviderId } from '../../settings/provider-choice';
import {
  OPTIONS_KEY,
  SECRET_FIELDS,
  readOptions,
  secretName,
  toConfig,
  type ResolvedTwilioSettings,
  type SecretField,
  type TwilioOptions,
} from './settings';

export interface ProviderSettingsInput {
  actor: string;
  reason: string;
  provider?: ProviderChoice;
  accountSid?: string | null;
  authToken?: string | null;
  apiKeySid?: string | null;
  apiKeySecret?: string | null;
  verifyServiceSid?: string | null;
  lookupEnabled?: boolean;
  baseUrl?: string | null;
  timeoutMs?: number;
}

/** Where the provider choice lives (read by settings/provider-choice.ts). */
export const PROVIDER_KEY = 'sms_provider';

const SIDS: ReadonlySet<SecretField> = new Set(['accountSid', 'apiKeySid', 'verifyServiceSid']);

/** The secret Twilio requests would carry with these settings (an API key wins over the Auth Token). */
function usedSecret(settings: ResolvedTwilioSettings): 'authToken' | 'apiKeySecret' | null {
  const { authToken, apiKeySid, apiKeySecret } = settings.values;
  if (apiKeySid && apiKeySecret) return 'apiKeySecret';
  return authToken ? 'authToken' : null;
}

/** How a credential appears in the audit log: a SID by its last 4 characters, a secret as set or not. */
function audited(field: SecretField, value: string | null): string {
  if (!value) return 'not set';
  return SIDS.has(field) ? `…${value.slice(-4)}` : 'set';
}

/**
 * Applies a Settings change: credentials to the SecretStore, options and the provider choice to
 * the settings table, each change audited as settings_changed (credentials never in clear).
 * Choosing Twilio is refused until it is configured, so no sign-in silently fails on a missing
 * token. `resolve` gives the settings as they would be after the change.
 */
export async function updateProviderSettings(
  deps: { db: Database; clock: Clock; secrets: SecretStore },
  input: ProviderSettingsInput,
  resolve: () => Promise<ResolvedTwilioSettings>,
): Promise<ProviderSettingChange[]> {
  await deps.db.read((manager) => requireOperator(manager, input.actor, 'change the SMS provider settings', true));

  const secretChanges: Record<string, string | null> = {};
  const changes: ProviderSettingChange[] = [];
  for (const field of SECRET_FIELDS) {
    const next = input[field];
    if (next === undefined) continue;
    const current = await deps.secrets.get(secretName(field));
    if ((current ?? null) === next) continue;
    secretChanges[secretName(field)] = next;
    changes.push({ key: `twilio.${field}`, from: audited(field, current), to: audited(field, next) });
  }

  // Twilio must stay usable while it is the provider: choosing it, or clearing a credential it needs
  // while it is chosen, is refused until the configuration is complete.
  const twilioAfter = (input.provider ?? (await activeProviderId(deps.db))) === 'twilio';
  if (twilioAfter && (input.provider === 'twilio' || Object.keys(secretChanges).length)) {
    const before = await resolve();
    const after: ResolvedTwilioSettings = { ...before, values: { ...before.values } };
    for (const field of SECRET_FIELDS) if (input[field] !== undefined) after.values[field] = input[field] ?? null;
    const config = toConfig(after);
    if (!config.ok) {
      const what = input.provider === 'twilio' ? 'Twilio cannot be chosen yet' : 'Twilio is the SMS provider and needs';
      throw new DomainError(
        'TWILIO_NOT_CONFIGURED',
        `${what}: ${config.missing.join(', ')} missing. Set them first (Settings or environment), or choose the simulated provider.`,
        { missing: config.missing },
      );
    }
  }

  // Credentials travel to the base URL with every request: a new address must come with the very
  // secret that will be sent there typed again in the same change, so a saved secret is never sent
  // somewhere it was not given for (retyping an unrelated secret does not count).
  if (input.baseUrl) {
    const options = await deps.db.read((manager) => readOptions(manager));
    if (input.baseUrl !== options.baseUrl) {
      const before = await resolve();
      const after: ResolvedTwilioSettings = { ...before, values: { ...before.values } };
      for (const field of SECRET_FIELDS) if (input[field] !== undefined) after.values[field] = input[field] ?? null;
      const used = usedSecret(after);
      if (used && !input[used]) {
        const name = used === 'authToken' ? 'Auth Token' : 'API key secret';
        throw new DomainError(
          'SECRET_REQUIRED',
          `baseUrl: enter the ${name} again with a new API base URL: it is the credential that would be sent there, and a saved secret is never sent to an address it was not given for.`,
          { field: used },
        );
      }
    }
  }

  // Credentials first: if the store refuses (no OS encryption), nothing is recorded as changed.
  if (Object.keys(secretChanges).length) await deps.secrets.setMany(secretChanges);

  await deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const options = await readOptions(manager);
    const nextOptions: TwilioOptions = { ...options };
    for (const key of ['lookupEnabled', 'baseUrl', 'timeoutMs'] as const) {
      const value = input[key];
      if (value === undefined || value === options[key]) continue;
      (nextOptions as unknown as Record<string, unknown>)[key] = value;
      changes.push({ key: `twilio.${key}`, from: options[key], to: value });
    }
    if (
      changes.some(
        (c) => c.key === 'twilio.lookupEnabled' || c.key === 'twilio.baseUrl' || c.key === 'twilio.timeoutMs',
      )
    ) {
      await writeSetting(manager, OPTIONS_KEY, nextOptions, now);
    }
    if (input.provider !== undefined) {
      const current =
        (await readSetting<string>(manager, PROVIDER_KEY, 'simulated')) === 'twilio' ? 'twilio' : 'simulated';
      if (current !== input.provider) {
        await writeSetting(manager, PROVIDER_KEY, input.provider, now);
        changes.push({ key: PROVIDER_KEY, from: current, to: input.provider });
      }
    }
    for (const change of changes) {
      await appendEvent(manager, {
        occurredAt: now,
        type: 'settings_changed',
        actor: input.actor,
        reason: input.reason,
        message: `Settings changed: ${change.key} from ${String(change.from)} to ${String(change.to)}`,
        details: { key: change.key, from: change.from, to: change.to },
      });
    }
  });
  return changes;
}
