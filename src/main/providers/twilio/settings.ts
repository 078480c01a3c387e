import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import type { SecretStore } from '../../secrets';
import { readSetting } from '../../settings/json-setting';
import { DEFAULT_TIMEOUT_MS, type TwilioConfig } from './config';

/** Credentials and SIDs: kept in the SecretStore, never in the database, never sent to the renderer. */
export const SECRET_FIELDS = ['accountSid', 'authToken', 'apiKeySid', 'apiKeySecret', 'verifyServiceSid'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

export const secretName = (field: SecretField): string => `twilio.${field}`;

/** What the environment may supply (the names Twilio's own tools use, plus our base URL). */
const ENV_NAMES: Partial<Record<SecretField, string>> = {
  accountSid: 'TWILIO_ACCOUNT_SID',
  authToken: 'TWILIO_AUTH_TOKEN',
  verifyServiceSid: 'TWILIO_VERIFY_SERVICE_SID',
};
export const BASE_URL_ENV = 'MFA_CONSOLE_TWILIO_BASE_URL';

/** Settings-table key of the Twilio options that are not secret. */
export const OPTIONS_KEY = 'twilio.options';

export interface TwilioOptions {
  lookupEnabled: boolean;
  baseUrl: string | null;
  timeoutMs: number;
}

export const DEFAULT_OPTIONS: TwilioOptions = { lookupEnabled: false, baseUrl: null, timeoutMs: DEFAULT_TIMEOUT_MS };

export type Source = 'settings' | 'environment';

/** Every field with where its value came from: Settings win, the environment fills what Settings left unset. */
export interface ResolvedTwilioSettings {
  values: Record<SecretField, string | null>;
  sources: Record<SecretField, Source | null>;
  options: TwilioOptions;
  baseUrlSource: Source | null;
}

export async function readOptions(manager: EntityManager): Promise<TwilioOptions> {
  const stored = await readSetting<Partial<TwilioOptions>>(manager, OPTIONS_KEY, {});
  return { ...DEFAULT_OPTIONS, ...stored };
}

export async function resolveTwilioSettings(
  db: Database,
  secrets: SecretStore,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedTwilioSettings> {
  const options = await db.read(readOptions);
  const values = {} as Record<SecretField, string | null>;
  const sources = {} as Record<SecretField, Source | null>;
  for (const field of SECRET_FIELDS) {
    const stored = await secrets.get(secretName(field));
    const fromEnv = ENV_NAMES[field] ? env[ENV_NAMES[field]]?.trim() : undefined;
    values[field] = stored ?? (fromEnv || null);
    sources[field] = stored ? 'settings' : fromEnv ? 'environment' : null;
  }
  const envBaseUrl = env[BASE_URL_ENV]?.trim() || null;
  const baseUrl = options.baseUrl ?? envBaseUrl;
  return {
    values,
    sources,
    options: { ...options, baseUrl },
    baseUrlSource: options.baseUrl ? 'settings' : envBaseUrl ? 'environment' : null,
  };
}

/** The config to talk to Twilio, or the fields still missing, named as Settings names them. */
export function toConfig(
  resolved: ResolvedTwilioSettings,
): { ok: true; config: TwilioConfig } | { ok: false; missing: string[] } {
  const { accountSid, authToken, apiKeySid, apiKeySecret, verifyServiceSid } = resolved.values;
  const missing: string[] = [];
  if (!accountSid) missing.push('Account SID');
  if (!authToken && !(apiKeySid && apiKeySecret)) missing.push('Auth Token (or API key SID and secret)');
  if (!verifyServiceSid) missing.push('Verify Service SID');
  if (!accountSid || !verifyServiceSid || missing.length) return { ok: false, missing };
  const auth: TwilioConfig['auth'] =
    apiKeySid && apiKeySecret
      ? { kind: 'api_key', sid: apiKeySid, secret: apiKeySecret }
      : { kind: 'auth_token', token: authToken as string };
  return {
    ok: true,
    config: {
      accountSid,
      auth,
      verifyServiceSid,
      lookupEnabled: resolved.options.lookupEnabled,
      baseUrl: resolved.options.baseUrl,
      timeoutMs: resolved.options.timeoutMs,
    },
  };
}
