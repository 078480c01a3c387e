import { z } from 'zod';
import { auditReason, emailAddress, method, noInput } from './define';

export type ProviderChoice = 'simulated' | 'twilio';
export type SettingSource = 'settings' | 'environment';

/** A credential as the renderer may see it: whether it is set, and for SIDs the last 4 characters. */
export interface SecretFieldView {
  set: boolean;
  /** Only for SIDs; never for the Auth Token or the API key secret. */
  last4: string | null;
  source: SettingSource | null;
}

export interface TwilioSettingsView {
  accountSid: SecretFieldView;
  authToken: SecretFieldView;
  apiKeySid: SecretFieldView;
  apiKeySecret: SecretFieldView;
  verifyServiceSid: SecretFieldView;
  /** Which credential the client will use: an API key when both its SID and secret are set. */
  authMethod: 'auth_token' | 'api_key' | null;
  lookupEnabled: boolean;
  baseUrl: string | null;
  baseUrlSource: SettingSource | null;
  timeoutMs: number;
  configured: boolean;
  /** What is still needed before Twilio can be chosen, named as Settings names it. */
  missing: string[];
}

export interface ProviderSettingsView {
  provider: ProviderChoice;
  /** 'safe-storage': encrypted by the OS (desktop app); 'file': a file readable by the user only. */
  secretStorage: 'file' | 'safe-storage';
  twilio: TwilioSettingsView;
}

export interface ProviderSettingChange {
  key: string;
  /** Secrets appear as "set"/"not set"; SIDs as their last 4 characters. */
  from: string | number | boolean | null;
  to: string | number | boolean | null;
}

export interface ConnectionTestValue {
  ok: boolean;
  /** What failed: each needs a different fix. */
  problem: 'auth' | 'service_sid' | 'unreachable' | 'timeout' | 'not_configured' | 'other' | null;
  message: string;
  steps: { step: 'credentials' | 'verify_service'; ok: boolean; code: string | null; message: string }[];
}

export interface SyncSourceValue {
  source: 'message' | 'attempt';
  since: number;
  until: number;
  pages: number;
  seen: number;
  recorded: number;
  duplicates: number;
  error: { code: string; message: string } | null;
  /** The account cannot list this source (Verify Attempts is not on every account): skipped, not failed. */
  unavailable: boolean;
}

export interface ProviderSyncValue {
  startedAt: number;
  recorded: number;
  duplicates: number;
  sources: SyncSourceValue[];
}

export interface ProviderHealthValue {
  /** The provider sending codes now. */
  provider: ProviderChoice;
  windowMs: number;
  calls: number;
  failures: number;
  /** 0..1 over the window; null with no calls. */
  failureRate: number | null;
  lastError: { code: string; message: string; operation: string; at: number; title: string | null } | null;
  lastSuccessAt: number | null;
  sync: { source: 'message' | 'attempt'; syncedUntil: number; lastRunAt: number; lastError: string | null }[];
}

export interface PhoneLookupValue {
  email: string;
  phoneMasked: string;
  /** As Twilio says: mobile, landline, fixedVoip, nonFixedVoip, tollFree, ... */
  lineType: string | null;
  lineTypeLabel: string | null;
  carrier: string | null;
  countryCode: string | null;
  lookedUpAt: number;
  /** For VoIP, landline and other numbers SMS may not reach, in the FAQ's words. */
  warning: string | null;
}

const sid = (prefix: string, name: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a ${name}: ${prefix} followed by 32 hexadecimal digits`)
    .nullable()
    .optional();

const secret = (name: string) =>
  z
    .string()
    .trim()
    .min(16, `must be the whole ${name} (at least 16 characters)`)
    .max(256, `is too long for a ${name}`)
    .regex(/^\S+$/, `must not contain spaces (paste the ${name} alone)`)
    .nullable()
    .optional();

const baseUrl = z
  .string()
  .trim()
  .max(300, 'is too long for a URL')
  .refine((value) => {
    try {
      const url = new URL(value);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      const scheme = url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
      return scheme && !url.username && !url.password && (url.pathname === '/' || url.pathname === '');
    } catch {
      return false;
    }
  }, 'must be https://host[:port] with no path, such as https://twilio-gateway.example.com (plain http only for 127.0.0.1 or localhost)')
  .nullable()
  .optional();

/** Provider choice, Twilio credentials and options, Test connection, delivery sync, health, Lookup. */
export const providerMethods = {
  providerSettingsGet: method<ProviderSettingsView>()(noInput),
  providerSettingsUpdate: method<{ settings: ProviderSettingsView; changes: ProviderSettingChange[] }>()(
    z
      .object({
        provider: z.enum(['simulated', 'twilio'], 'must be "simulated" or "twilio"').optional(),
        accountSid: sid('AC', 'Account SID'),
        authToken: secret('Auth Token'),
        apiKeySid: sid('SK', 'API key SID'),
        apiKeySecret: secret('API key secret'),
        verifyServiceSid: sid('VA', 'Verify Service SID'),
        lookupEnabled: z.boolean().optional(),
        baseUrl,
        timeoutMs: z
          .number()
          .int('must be a whole number of milliseconds')
          .min(100, 'must be at least 100 ms')
          .max(120_000, 'must be at most 120000 ms (2 minutes)')
          .optional(),
        reason: auditReason(),
      })
      .strict(),
  ),
  providerTest: method<ConnectionTestValue>()(noInput),
  providerSync: method<ProviderSyncValue>()(noInput),
  providerHealth: method<ProviderHealthValue>()(noInput),
  phoneLookup: method<PhoneLookupValue>()(
    z
      .object({
        email: emailAddress(),
      })
      .strict(),
  ),
};
