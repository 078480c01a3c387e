import type { Command } from 'commander';
import type {
  ConnectionTestValue,
  PhoneLookupValue,
  ProviderHealthValue,
  ProviderSettingChange,
  ProviderSettingsView,
  ProviderSyncValue,
  SecretFieldView,
} from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { printResult, table } from '../output';
import { readStdinLine } from '../stdin';
import { withApi, type DbOptions } from '../session';
import { callAndPrint, printInvalid, when, withDbOptions, type SetExit } from './mfa-call';

interface SetOptions extends DbOptions {
  reason: string;
  provider?: string;
  accountSid?: string;
  authToken?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  verifyServiceSid?: string;
  lookup?: string;
  baseUrl?: string;
  timeoutMs?: string;
  clear?: string[];
}

const CLEARABLE = ['accountSid', 'authToken', 'apiKeySid', 'apiKeySecret', 'verifyServiceSid', 'baseUrl'] as const;

const field = (f: SecretFieldView) =>
  f.set
    ? `set${f.last4 ? ` (…${f.last4})` : ''}${f.source === 'environment' ? ' from the environment' : ''}`
    : 'not set';

function describeSettings(view: ProviderSettingsView): string {
  const t = view.twilio;
  return [
    table([
      ['SMS provider', view.provider],
      ['Account SID', field(t.accountSid)],
      ['Auth Token', field(t.authToken)],
      ['API key SID', field(t.apiKeySid)],
      ['API key secret', field(t.apiKeySecret)],
      ['Verify Service SID', field(t.verifyServiceSid)],
      ['Authenticates with', t.authMethod ?? '-'],
      ['Lookup', t.lookupEnabled ? 'on' : 'off'],
      ['Base URL', t.baseUrl ? `${t.baseUrl}${t.baseUrlSource === 'environment' ? ' (environment)' : ''}` : 'Twilio'],
      ['Timeout', `${t.timeoutMs} ms`],
      ['Secrets stored', view.secretStorage === 'file' ? 'file readable by this user only' : 'encrypted (safeStorage)'],
    ]),
    t.configured ? 'Twilio is configured.' : `Twilio is not configured: ${t.missing.join(', ')} missing.`,
  ].join('\n');
}

function describeTest(value: ConnectionTestValue): string {
  const steps = value.steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.step}: ${s.message}`);
  return [...steps, value.ok ? value.message : `Test failed (${value.problem}): ${value.message}`].join('\n');
}

function describeSync(value: ProviderSyncValue): string {
  const lines = value.sources.map(
    (s) =>
      `${s.source === 'message' ? 'Messages' : 'Verify attempts'}: ${s.seen} seen in ${s.pages} page(s), ` +
      `${s.recorded} new failure(s), ${s.duplicates} already recorded` +
      (s.error
        ? `; FAILED ${s.error.code}: ${s.error.message}`
        : s.unavailable
          ? ' (not available on this account)'
          : ` (since ${when(s.since)})`),
  );
  return [...lines, `${value.recorded} SMS failure event(s) written.`].join('\n');
}

function describeHealth(value: ProviderHealthValue): string {
  const rate = value.failureRate === null ? 'no calls' : `${(value.failureRate * 100).toFixed(1)}%`;
  return table([
    ['Active provider', value.provider],
    ['Twilio calls (last hour)', value.calls],
    ['Failure rate', `${rate} (${value.failures} failed)`],
    [
      'Last error',
      value.lastError
        ? `${value.lastError.code}${value.lastError.title ? ` ${value.lastError.title}` : ''} at ${when(value.lastError.at)} (${value.lastError.operation})`
        : '-',
    ],
    ['Last success', when(value.lastSuccessAt)],
    ...value.sync.map((s): [string, string] => [
      `Sync ${s.source}`,
      `until ${when(s.syncedUntil)}${s.lastError ? `; ${s.lastError}` : ''}`,
    ]),
  ]);
}

/** Exit non-zero when the call worked but its answer says something failed (a test, a source of the sync). */
function printWithVerdict<T>(
  result: Result<T>,
  options: DbOptions,
  human: (v: T) => string,
  failed: (v: T) => boolean,
) {
  const code = printResult(result, options, human);
  return result.ok && failed(result.value) ? 1 : code;
}

export function registerProviderCommands(program: Command, setExit: SetExit): void {
  const provider = program
    .command('provider')
    .description('the SMS provider: Twilio settings, connection test, delivery sync');

  withDbOptions(
    provider.command('show').description('the provider choice and Twilio settings (secrets never shown)'),
  ).action(async (options: DbOptions) => {
    await callAndPrint<ProviderSettingsView>(options, setExit, 'providerSettingsGet', {}, describeSettings);
  });

  withDbOptions(
    provider
      .command('set')
      .description('change the provider choice or Twilio settings (audited); secrets may be given as "-" to read stdin')
      .requiredOption('--reason <text>', 'why (recorded in the audit log with each change)')
      .option('--provider <id>', 'simulated or twilio')
      .option('--account-sid <sid>', 'Twilio Account SID (AC…)')
      .option('--auth-token <token>', 'Auth Token, or - to read it from stdin')
      .option('--api-key-sid <sid>', 'API key SID (SK…), used instead of the Auth Token')
      .option('--api-key-secret <secret>', 'API key secret, or - to read it from stdin')
      .option('--verify-service-sid <sid>', 'Verify Service SID (VA…)')
      .option('--lookup <on|off>', 'look numbers up (Lookup v2) when a phone number is set')
      .option('--base-url <url>', 'route requests to a Twilio-compatible gateway')
      .option('--timeout-ms <ms>', 'request timeout in milliseconds (default 10000)')
      .option('--clear <field...>', `forget a value: ${CLEARABLE.join(', ')}`),
  ).action(async (options: SetOptions) => {
    const input: Record<string, unknown> = { reason: options.reason };
    if (options.provider !== undefined) input.provider = options.provider;
    for (const key of ['accountSid', 'apiKeySid', 'verifyServiceSid', 'baseUrl'] as const) {
      if (options[key] !== undefined) input[key] = options[key];
    }
    for (const key of ['authToken', 'apiKeySecret'] as const) {
      if (options[key] !== undefined) input[key] = options[key] === '-' ? (await readStdinLine()).trim() : options[key];
    }
    if (options.lookup !== undefined) {
      if (!['on', 'off'].includes(options.lookup)) return printInvalid(options, setExit, '--lookup must be on or off.');
      input.lookupEnabled = options.lookup === 'on';
    }
    if (options.timeoutMs !== undefined) {
      if (!/^\d+$/.test(options.timeoutMs)) {
        return printInvalid(options, setExit, '--timeout-ms must be a whole number of milliseconds.');
      }
      input.timeoutMs = Number(options.timeoutMs);
    }
    for (const name of options.clear ?? []) {
      if (!(CLEARABLE as readonly string[]).includes(name)) {
        return printInvalid(options, setExit, `--clear ${name}: use one of ${CLEARABLE.join(', ')}.`);
      }
      input[name] = null;
    }
    await callAndPrint<{ settings: ProviderSettingsView; changes: ProviderSettingChange[] }>(
      options,
      setExit,
      'providerSettingsUpdate',
      input,
      (v) =>
        [
          v.changes.length ? v.changes.map((c) => `${c.key}: ${c.from} -> ${c.to}`).join('\n') : 'No change.',
          '',
          describeSettings(v.settings),
        ].join('\n'),
    );
  });

  withDbOptions(
    provider.command('test').description('test the Twilio connection: credentials, then the Verify service'),
  ).action(async (options: DbOptions) => {
    const result = (await withApi(options, (api) => api.call('providerTest', {}))) as Result<ConnectionTestValue>;
    setExit(printWithVerdict(result, options, describeTest, (v) => !v.ok));
  });

  withDbOptions(
    provider.command('sync').description('pull failed and undelivered SMS from Twilio since the last sync'),
  ).action(async (options: DbOptions) => {
    const result = (await withApi(options, (api) => api.call('providerSync', {}))) as Result<ProviderSyncValue>;
    setExit(printWithVerdict(result, options, describeSync, (v) => v.sources.every((s) => s.error !== null)));
  });

  withDbOptions(provider.command('health').description("the provider's recent failure rate and last error")).action(
    async (options: DbOptions) => {
      await callAndPrint<ProviderHealthValue>(options, setExit, 'providerHealth', {}, describeHealth);
    },
  );

  withDbOptions(
    provider
      .command('lookup <email>')
      .description("look up the line type and carrier of a user's number (Twilio Lookup v2)"),
  ).action(async (email: string, options: DbOptions) => {
    await callAndPrint<PhoneLookupValue>(options, setExit, 'phoneLookup', { email }, (v) =>
      [
        table([
          ['Number', v.phoneMasked],
          ['Line type', v.lineTypeLabel ?? '-'],
          ['Carrier', v.carrier ?? '-'],
          ['Country', v.countryCode ?? '-'],
          ['Looked up', when(v.lookedUpAt)],
        ]),
        v.warning ? `Warning: ${v.warning}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  });
}
