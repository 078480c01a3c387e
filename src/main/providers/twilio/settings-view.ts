import type { ProviderSettingsView, SecretFieldView } from '../../../shared/contract/provider';
import type { Database } from '../../db/database';
import type { SecretStore } from '../../secrets';
import { activeProviderId } from '../../settings/provider-choice';
import { toConfig, type ResolvedTwilioSettings, type SecretField } from './settings';

const SIDS: ReadonlySet<SecretField> = new Set(['accountSid', 'apiKeySid', 'verifyServiceSid']);

/** A credential for the renderer: set or not, and for a SID its last 4 characters. Never the value. */
export function secretFieldView(resolved: ResolvedTwilioSettings, field: SecretField): SecretFieldView {
  const value = resolved.values[field];
  return { set: !!value, last4: value && SIDS.has(field) ? value.slice(-4) : null, source: resolved.sources[field] };
}

export async function providerSettingsView(
  db: Database,
  secrets: SecretStore,
  resolved: ResolvedTwilioSettings,
): Promise<ProviderSettingsView> {
  const config = toConfig(resolved);
  const { apiKeySid, apiKeySecret, authToken } = resolved.values;
  return {
    provider: await activeProviderId(db),
    secretStorage: secrets.kind,
    twilio: {
      accountSid: secretFieldView(resolved, 'accountSid'),
      authToken: secretFieldView(resolved, 'authToken'),
      apiKeySid: secretFieldView(resolved, 'apiKeySid'),
      apiKeySecret: secretFieldView(resolved, 'apiKeySecret'),
      verifyServiceSid: secretFieldView(resolved, 'verifyServiceSid'),
      authMethod: apiKeySid && apiKeySecret ? 'api_key' : authToken ? 'auth_token' : null,
      lookupEnabled: resolved.options.lookupEnabled,
      baseUrl: resolved.options.baseUrl,
      baseUrlSource: resolved.baseUrlSource,
      timeoutMs: resolved.options.timeoutMs,
      configured: config.ok,
      missing: config.ok ? [] : config.missing,
    },
  };
}
