import type { Database } from '../../db/database';
import type { Clock } from '../../core/clock';
import type { SecretStore } from '../../secrets';
import { activeProviderId } from '../../settings/provider-choice';
import type {
  CheckRequest,
  CheckResult,
  PhoneLookup,
  ProviderFailure,
  SendRequest,
  SendResult,
  SmsProvider,
} from '../provider';
import { createTwilioClient, type TwilioClient, type TwilioClientDeps } from './client';
import type { TwilioConfig } from './config';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import { testConnection, type ConnectionTestResult } from './connection-test';
import { DeliverySync, type DeliverySyncOptions, type DeliverySyncSummary } from './delivery-sync';
import { ProviderHealth } from './health';
import { TwilioProvider, type TwilioLookupResult } from './provider';
import { resolveTwilioSettings, toConfig, type ResolvedTwilioSettings } from './settings';
import { SyncScheduler, type Timer } from './sync-scheduler';

export interface TwilioServiceDeps {
  db: Database;
  clock: Clock;
  secrets: SecretStore;
  env?: NodeJS.ProcessEnv;
  /** The HTTP layer's sleep and retry policy; tests pass a sleep that returns at once. */
  client?: TwilioClientDeps;
  sync?: Partial<DeliverySyncOptions>;
}

export interface Connection {
  config: TwilioConfig;
  client: TwilioClient;
  provider: TwilioProvider;
}

export type StoredLookup =
  { ok: true; value: TwilioLookupResult; lookedUpAt: number } | { ok: false; failure: ProviderFailure };

export type Connect = { ok: true; connection: Connection } | { ok: false; missing: string[] };

/** The failure every call answers while Twilio is chosen but not fully configured. */
export function notConfigured(missing: string[]): ProviderFailure {
  return {
    kind: 'provider_failure',
    code: 'NOT_CONFIGURED',
    message: `Twilio is not configured: ${missing.join(', ')} missing in Settings or the environment.`,
  };
}

/**
 * Twilio as the console runs it: the configuration is read from Settings, the SecretStore and the
 * environment on every use, so a change in Settings applies to the next send without a restart;
 * the client is rebuilt only when the configuration actually changed.
 */
export class TwilioService {
  readonly health: ProviderHealth;
  /** What the engine's provider registry holds under the id 'twilio'. */
  readonly provider: SmsProvider & PhoneLookup;
  private cached: { key: string; connection: Connection } | null = null;
  private running: ReturnType<TwilioService['runSync']> | null = null;

  constructor(private readonly deps: TwilioServiceDeps) {
    this.health = new ProviderHealth(deps.db, deps.clock, 'twilio');
    this.provider = new LiveTwilioProvider(this);
  }

  settings(): Promise<ResolvedTwilioSettings> {
    return resolveTwilioSettings(this.deps.db, this.deps.secrets, this.deps.env ?? process.env);
  }

  async connect(): Promise<Connect> {
    const resolved = toConfig(await this.settings());
    if (!resolved.ok) return resolved;
    const key = JSON.stringify(resolved.config);
    if (this.cached?.key !== key) {
      const client = createTwilioClient(resolved.config, this.deps.client);
      const provider = new TwilioProvider({
        client,
        verifyServiceSid: resolved.config.verifyServiceSid,
        clock: this.deps.clock,
        health: this.health,
      });
      this.cached = { key, connection: { config: resolved.config, client, provider } };
    }
    return { ok: true, connection: this.cached.connection };
  }

  async test(): Promise<ConnectionTestResult> {
    const connected = await this.connect();
    if (!connected.ok) {
      return { ok: false, problem: 'not_configured', message: notConfigured(connected.missing).message, steps: [] };
    }
    const started = this.deps.clock.now();
    // No retries here: the operator asked what is wrong now, and a refused connection should say so at once.
    const { config } = connected.connection;
    const client = createTwilioClient(config, {
      ...this.deps.client,
      retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 },
    });
    const result = await testConnection(client, config);
    const failed = result.steps.find((s) => !s.ok);
    await this.health.record({
      operation: 'test',
      failure: failed ? { kind: 'provider_failure', code: failed.code ?? 'UNKNOWN', message: failed.message } : null,
      durationMs: this.deps.clock.now() - started,
    });
    return result;
  }

  /**
   * One delivery-failure sync. A sync asked for while one runs (the schedule and an operator's
   * click) joins the running one instead of paging through Twilio a second time.
   */
  sync(): Promise<{ ok: true; summary: DeliverySyncSummary } | { ok: false; missing: string[] }> {
    this.running ??= this.runSync().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runSync(): Promise<{ ok: true; summary: DeliverySyncSummary } | { ok: false; missing: string[] }> {
    const connected = await this.connect();
    if (!connected.ok) return connected;
    const { client, config } = connected.connection;
    const sync = new DeliverySync({
      client,
      db: this.deps.db,
      clock: this.deps.clock,
      accountSid: config.accountSid,
      verifyServiceSid: config.verifyServiceSid,
      health: this.health,
      options: this.deps.sync,
    });
    return { ok: true, summary: await sync.run() };
  }

  /** The scheduled sync: runs only while Twilio is the active provider and is configured. */
  async syncIfActive(): Promise<DeliverySyncSummary | null> {
    if ((await activeProviderId(this.deps.db)) !== 'twilio') return null;
    const result = await this.sync();
    return result.ok ? result.summary : null;
  }

  /** A scheduler for the shells to start while the console runs (every 5 minutes by default). */
  scheduler(options: { intervalMs?: number; firstDelayMs?: number; timer?: Timer } = {}): SyncScheduler {
    return new SyncScheduler(() => this.syncIfActive(), {
      intervalMs: options.intervalMs ?? 5 * 60_000,
      firstDelayMs: options.firstDelayMs ?? 30_000,
      clock: this.deps.clock,
      timer: options.timer,
    });
  }

  /**
   * The hook for a phone number being set or changed: looks it up when Lookup is on in Settings and
   * Twilio is configured, otherwise does nothing (null). Never throws: a failed lookup must not undo
   * the phone change, it only leaves the line type unknown.
   */
  async lookupIfEnabled(e164: string, userId: number | null): Promise<StoredLookup | null> {
    const settings = await this.settings();
    if (!settings.options.lookupEnabled || !toConfig(settings).ok) return null;
    try {
      return await this.lookupAndStore(e164, userId);
    } catch (error) {
      return { ok: false, failure: { kind: 'provider_failure', code: 'UNKNOWN', message: String(error) } };
    }
  }

  /**
   * Looks a number up and keeps the answer: a row in phone_lookups, and, when the number is a
   * user's, the line type, carrier and date on the user, which the user view shows.
   */
  async lookupAndStore(e164: string, userId: number | null): Promise<StoredLookup> {
    const connected = await this.connect();
    if (!connected.ok) return { ok: false, failure: notConfigured(connected.missing) };
    const result = await connected.connection.provider.lookup(e164);
    if (!result.ok) return result;
    const now = this.deps.clock.now();
    const value = result.value;
    await this.deps.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO phone_lookups (phone, user_id, line_type, carrier, country_code, mobile_country_code,
           mobile_network_code, error_code, looked_up_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          e164,
          userId,
          value.lineType,
          value.carrier,
          value.countryCode,
          value.mobileCountryCode,
          value.mobileNetworkCode,
          value.errorCode,
          now,
        ],
      );
      if (userId !== null) {
        // Guarded by the number: if the phone changed while Twilio answered, the answer is not this user's.
        await manager.query(
          `UPDATE users SET phone_type = ?, phone_carrier = ?, phone_looked_up_at = ?, updated_at = ?
           WHERE id = ? AND phone_e164 = ?`,
          [value.lineType, value.carrier, now, now, userId, e164],
        );
      }
    });
    return { ok: true, value, lookedUpAt: now };
  }
}

/** Twilio under the registry: every call connects with the current settings, or fails as NOT_CONFIGURED. */
class LiveTwilioProvider implements SmsProvider, PhoneLookup {
  readonly id = 'twilio' as const;
  readonly generatesCodes = true;

  constructor(private readonly service: TwilioService) {}

  async send(request: SendRequest): Promise<SendResult> {
    const connected = await this.service.connect();
    return connected.ok
      ? connected.connection.provider.send(request)
      : { ok: false, failure: notConfigured(connected.missing) };
  }

  async check(request: CheckRequest): Promise<CheckResult> {
    const connected = await this.service.connect();
    return connected.ok
      ? connected.connection.provider.check(request)
      : { ok: false, failure: notConfigured(connected.missing) };
  }

  async lookup(e164: string) {
    const connected = await this.service.connect();
    return connected.ok
      ? connected.connection.provider.lookup(e164)
      : { ok: false as const, failure: notConfigured(connected.missing) };
  }
}
