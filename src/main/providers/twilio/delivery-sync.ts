import type { EntityManager } from 'typeorm';
import { providerCode } from '../../../shared/provider-codes';
import type { Database } from '../../db/database';
import type { Clock } from '../../core/clock';
import { changes, eventUser, type UserRow } from '../../users/user-row';
import { appendEvent } from '../../events/append';
import { detectIncidents } from '../../incidents/run';
import { parsePhone } from '../../phone';
import type { ProviderFailure } from '../provider';
import type { TwilioClient } from './client';
import { toProviderFailure } from './failures';
import type { ProviderHealth } from './health';

export type DeliverySource = 'message' | 'attempt';

/** A failed or undelivered SMS as either Twilio list reports it. */
export interface DeliveryFailure {
  source: DeliverySource;
  sid: string;
  to: string;
  occurredAt: number;
  status: string;
  errorCode: string | null;
  errorMessage: string | null;
  verificationSid: string | null;
}

export interface SourceSyncSummary {
  source: DeliverySource;
  /** The window asked for: [since, until] in unix ms. */
  since: number;
  until: number;
  pages: number;
  /** Items Twilio listed in the window (any status). */
  seen: number;
  /** New SMS Failure events written. */
  recorded: number;
  /** Failures already in the log from an earlier sync (same SID). */
  duplicates: number;
  error: ProviderFailure | null;
  /** The account cannot list this source (Verify Attempts is not enabled on every account): skipped, not failed. */
  unavailable: boolean;
}

export interface DeliverySyncSummary {
  startedAt: number;
  recorded: number;
  duplicates: number;
  sources: SourceSyncSummary[];
}

export interface DeliverySyncOptions {
  /** How far back the first sync looks. */
  firstLookbackMs: number;
  /**
   * How much of the previous window each run reads again: a message sent just before the last
   * sync may turn undelivered minutes later, when the carrier's receipt arrives. The SID table
   * keeps the overlap from writing a failure twice.
   */
  overlapMs: number;
  pageSize: number;
}

export const DEFAULT_SYNC_OPTIONS: DeliverySyncOptions = {
  firstLookbackMs: 7 * 86_400_000,
  overlapMs: 2 * 3_600_000,
  pageSize: 200,
};

export interface DeliverySyncDeps {
  client: TwilioClient;
  db: Database;
  clock: Clock;
  accountSid: string;
  verifyServiceSid: string;
  health?: ProviderHealth;
  options?: Partial<DeliverySyncOptions>;
}

const FAILED_STATUSES = new Set(['failed', 'undelivered']);
// What Verify Attempts answers on an account without that API: forbidden or not found, not an outage.
const ATTEMPTS_UNAVAILABLE = new Set(['20403', '403', '20404', '404']);

/** A page of either list: its items, and the next page if Twilio says there is one. */
interface ListPage<T> {
  instances: T[];
  nextPage(): Promise<ListPage<T> | undefined>;
}

/**
 * Pulls failed and undelivered SMS from Twilio since the last sync and writes each once to the
 * event log as an SMS Failure with the carrier error code, the carrier and the country, which the
 * carrier-failure trends are built from. Two sources: the Messages list (SMS sent through
 * Programmable Messaging) and Verify Attempts (Verify's own SMS, where the account has that API).
 */
export class DeliverySync {
  private readonly options: DeliverySyncOptions;

  constructor(private readonly deps: DeliverySyncDeps) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };
  }

  async run(): Promise<DeliverySyncSummary> {
    const startedAt = this.deps.clock.now();
    const sources: SourceSyncSummary[] = [];
    for (const source of ['message', 'attempt'] as const) sources.push(await this.syncSource(source, startedAt));
    const recorded = sources.reduce((n, s) => n + s.recorded, 0);
    // Back-filled failures land in old hours: the detector looks at those hours again at once.
    if (recorded > 0) await this.deps.db.transaction((manager) => detectIncidents(manager, this.deps.clock.now()));
    return {
      startedAt,
      recorded,
      duplicates: sources.reduce((n, s) => n + s.duplicates, 0),
      sources,
    };
  }

  private async syncSource(source: DeliverySource, until: number): Promise<SourceSyncSummary> {
    const [state] = await this.deps.db.query<{ synced_until: number }>(
      'SELECT synced_until FROM provider_sync_state WHERE source = ?',
      [source],
    );
    const since = state ? Number(state.synced_until) - this.options.overlapMs : until - this.options.firstLookbackMs;
    const summary: SourceSyncSummary = {
      source,
      since,
      until,
      pages: 0,
      seen: 0,
      recorded: 0,
      duplicates: 0,
      error: null,
      unavailable: false,
    };
    try {
      let page: ListPage<unknown> | undefined =
        source === 'message' ? await this.firstMessagePage(since, until) : await this.firstAttemptPage(since, until);
      while (page) {
        summary.pages += 1;
        summary.seen += page.instances.length;
        const failures = page.instances
          .map((item) => (source === 'message' ? fromMessage(item as MessageLike) : fromAttempt(item as AttemptLike)))
          .filter((f): f is DeliveryFailure => f !== null);
        const { recorded, duplicates } = await this.record(failures);
        summary.recorded += recorded;
        summary.duplicates += duplicates;
        page = await page.nextPage();
      }
    } catch (error) {
      const failure = toProviderFailure(error);
      if (source === 'attempt' && summary.pages === 0 && ATTEMPTS_UNAVAILABLE.has(failure.code)) {
        summary.unavailable = true;
      } else {
        summary.error = failure;
      }
    }
    await this.saveState(source, summary);
    await this.deps.health?.record({
      operation: 'sync',
      failure: summary.error,
      durationMs: this.deps.clock.now() - until,
    });
    return summary;
  }

  private firstMessagePage(since: number, until: number): Promise<ListPage<unknown>> {
    return this.deps.client.api.v2010.accounts(this.deps.accountSid).messages.page({
      dateSentAfter: new Date(since),
      dateSentBefore: new Date(until),
      pageSize: this.options.pageSize,
    }) as unknown as Promise<ListPage<unknown>>;
  }

  private firstAttemptPage(since: number, until: number): Promise<ListPage<unknown>> {
    // A failed delivery can never be converted, so only unconverted attempts are asked for.
    return this.deps.client.verify.v2.verificationAttempts.page({
      dateCreatedAfter: new Date(since),
      dateCreatedBefore: new Date(until),
      verifyServiceSid: this.deps.verifyServiceSid,
      channel: 'sms',
      status: 'unconverted',
      pageSize: this.options.pageSize,
    }) as unknown as Promise<ListPage<unknown>>;
  }

  /** One transaction per page: the SID row and its event land together, or neither does. */
  private record(failures: DeliveryFailure[]): Promise<{ recorded: number; duplicates: number }> {
    if (!failures.length) return Promise.resolve({ recorded: 0, duplicates: 0 });
    const now = this.deps.clock.now();
    return this.deps.db.transaction(async (manager) => {
      let recorded = 0;
      let duplicates = 0;
      for (const failure of failures) {
        await manager.query(
          `INSERT OR IGNORE INTO provider_delivery_failures (sid, source, error_code, phone, occurred_at, synced_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
          [failure.sid, failure.source, failure.errorCode, failure.to, failure.occurredAt, now],
        );
        if ((await changes(manager)) === 0) {
          duplicates += 1;
          continue;
        }
        const eventId = await appendEvent(manager, await failureEvent(manager, failure));
        await manager.query('UPDATE provider_delivery_failures SET event_id = ? WHERE sid = ?', [eventId, failure.sid]);
        recorded += 1;
      }
      return { recorded, duplicates };
    });
  }

  private async saveState(source: DeliverySource, summary: SourceSyncSummary): Promise<void> {
    const now = this.deps.clock.now();
    const error = summary.error ? `${summary.error.code}: ${summary.error.message}` : null;
    await this.deps.db.transaction(async (manager) => {
      // A failed run keeps the old high-water mark (or, on the very first run, one that gives the same
      // `since` again), so the next run asks for the same window; the SID table absorbs the repeat.
      await manager.query(
        `INSERT INTO provider_sync_state (source, synced_until, last_run_at, last_error) VALUES (?, ?, ?, ?)
         ON CONFLICT(source) DO UPDATE SET
           synced_until = CASE WHEN excluded.last_error IS NULL THEN excluded.synced_until ELSE synced_until END,
           last_run_at = excluded.last_run_at, last_error = excluded.last_error`,
        [source, summary.error ? summary.since + this.options.overlapMs : summary.until, now, error],
      );
    });
  }
}

/** What the message list gives per item (twilio-node's MessageInstance, the fields we read). */
interface MessageLike {
  sid: string;
  to: string;
  status: string;
  direction: string;
  errorCode: number | null;
  errorMessage: string | null;
  dateSent: Date | null;
  dateCreated: Date | null;
}

/** What Verify Attempts gives per item; channelData is passed through as Twilio sent it. */
interface AttemptLike {
  sid: string;
  verificationSid: string;
  dateCreated: Date | null;
  channelData: Record<string, unknown> | null;
}

function fromMessage(message: MessageLike): DeliveryFailure | null {
  if (!FAILED_STATUSES.has(message.status) || !String(message.direction).startsWith('outbound')) return null;
  return {
    source: 'message',
    sid: message.sid,
    to: message.to,
    occurredAt: (message.dateSent ?? message.dateCreated)?.getTime() ?? 0,
    status: message.status,
    errorCode: message.errorCode ? String(message.errorCode) : null,
    errorMessage: message.errorMessage ?? null,
    verificationSid: null,
  };
}

function fromAttempt(attempt: AttemptLike): DeliveryFailure | null {
  const data = attempt.channelData ?? {};
  const status = String(data.message_status ?? data.status ?? '').toLowerCase();
  const errorCode = data.error_code ? String(data.error_code) : null;
  if (!FAILED_STATUSES.has(status) && !errorCode) return null;
  return {
    source: 'attempt',
    sid: attempt.sid,
    to: String(data.to ?? ''),
    occurredAt: attempt.dateCreated?.getTime() ?? 0,
    status: status || 'failed',
    errorCode,
    errorMessage: null,
    verificationSid: attempt.verificationSid ?? null,
  };
}

/** The SMS Failure event: the user whose number it was, the carrier we know for it, the country. */
async function failureEvent(manager: EntityManager, failure: DeliveryFailure) {
  const [user] = (await manager.query('SELECT * FROM users WHERE phone_e164 = ? ORDER BY id DESC LIMIT 1', [
    failure.to,
  ])) as UserRow[];
  const [lookup] = (await manager.query(
    'SELECT carrier, country_code FROM phone_lookups WHERE phone = ? ORDER BY looked_up_at DESC, id DESC LIMIT 1',
    [failure.to],
  )) as { carrier: string | null; country_code: string | null }[];
  const parsed = parsePhone(failure.to);
  const carrier = lookup?.carrier ?? user?.phone_carrier ?? null;
  const country = user?.phone_country ?? lookup?.country_code ?? (parsed.ok ? parsed.country : null);
  const title = failure.errorCode ? providerCode(failure.errorCode)?.title.toLowerCase() : null;
  const what = title
    ? `${title} (${failure.errorCode})`
    : failure.errorCode
      ? `error ${failure.errorCode}`
      : failure.status;
  return {
    occurredAt: failure.occurredAt,
    type: 'sms_failure' as const,
    ...(user ? eventUser(user) : { phone: failure.to }),
    country,
    carrier,
    provider: 'twilio',
    providerCode: failure.errorCode,
    message: `SMS not delivered${carrier ? ` by ${carrier}` : ''}: ${what}`,
    details: {
      source: failure.source === 'message' ? 'twilio_messages' : 'twilio_verify_attempts',
      [failure.source === 'message' ? 'messageSid' : 'attemptSid']: failure.sid,
      ...(failure.verificationSid ? { verificationSid: failure.verificationSid } : {}),
      status: failure.status,
      ...(failure.errorMessage ? { errorMessage: failure.errorMessage } : {}),
    },
  };
}
