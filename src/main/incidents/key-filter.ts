import type { KeyKind } from './series';
import { PREFIX_LENGTH } from './rollups';

export const FAILURE_TYPES = ['sms_failure', 'mfa_provider_failure'] as const;
export const ATTEMPT_TYPES = ['code_sent', 'mfa_provider_failure'] as const;

const list = (types: readonly string[]) => types.map((t) => `'${t}'`).join(', ');
export const FAILURE_IN = list(FAILURE_TYPES);
export const ATTEMPT_IN = list(ATTEMPT_TYPES);

/** The column condition (with one `?` for the key) that picks a key's events from the log. */
export function keyCondition(keyKind: KeyKind, alias = ''): string {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  switch (keyKind) {
    case 'carrier':
      return `${col('carrier')} = ?`;
    case 'country':
      return `${col('country')} = ?`;
    case 'provider':
      return `${col('provider')} = ?`;
    case 'error':
      return `${col('provider_code')} = ?`;
    case 'prefix':
      return `substr(${col('phone')}, 1, ${PREFIX_LENGTH}) = ?`;
  }
}

/** Key parts for the incident row and the CLI's `key` object (absent parts null). */
export function keyParts(keyKind: KeyKind, key: string) {
  return {
    carrier: keyKind === 'carrier' ? key : null,
    country: keyKind === 'country' ? key : null,
    provider: keyKind === 'provider' ? key : null,
    providerCode: keyKind === 'error' ? key : null,
    prefix: keyKind === 'prefix' ? key : null,
  };
}
