import type { Database } from '../../db/database';
import type { Clock } from '../../core/clock';
import type { ProviderFailure } from '../provider';

export type ProviderOperation = 'send' | 'check' | 'lookup' | 'sync' | 'test';

export interface HealthSample {
  operation: ProviderOperation;
  failure: ProviderFailure | null;
  durationMs: number;
}

export interface ProviderHealthSummary {
  provider: string;
  windowMs: number;
  calls: number;
  failures: number;
  /** failures / calls over the window, 0..1; null when there were no calls. */
  failureRate: number | null;
  lastError: { code: string; message: string; operation: string; at: number } | null;
  lastSuccessAt: number | null;
}

export const HEALTH_WINDOW_MS = 60 * 60_000;
// Samples older than this are deleted as new ones arrive; health only ever looks at the last hour.
const KEEP_MS = 7 * 86_400_000;

/** One row per provider call, and the failure rate and last error computed from them in SQL. */
export class ProviderHealth {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    readonly provider = 'twilio',
  ) {}

  async record(sample: HealthSample): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO provider_health_samples (provider, operation, ok, code, message, duration_ms, occurred_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          this.provider,
          sample.operation,
          sample.failure ? 0 : 1,
          sample.failure?.code ?? null,
          sample.failure?.message ?? null,
          Math.max(0, Math.round(sample.durationMs)),
          now,
        ],
      );
      await manager.query('DELETE FROM provider_health_samples WHERE provider = ? AND occurred_at < ?', [
        this.provider,
        now - KEEP_MS,
      ]);
    });
  }

  async summary(windowMs = HEALTH_WINDOW_MS): Promise<ProviderHealthSummary> {
    const now = this.clock.now();
    const [counts] = await this.db.query<{ calls: number; failures: number | null; last_ok: number | null }>(
      `SELECT COUNT(*) AS calls, SUM(ok = 0) AS failures, MAX(CASE WHEN ok = 1 THEN occurred_at END) AS last_ok
       FROM provider_health_samples WHERE provider = ? AND occurred_at > ?`,
      [this.provider, now - windowMs],
    );
    const [last] = await this.db.query<{ code: string; message: string; operation: string; occurred_at: number }>(
      `SELECT code, message, operation, occurred_at FROM provider_health_samples
       WHERE provider = ? AND ok = 0 ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      [this.provider],
    );
    const calls = Number(counts.calls);
    const failures = Number(counts.failures ?? 0);
    return {
      provider: this.provider,
      windowMs,
      calls,
      failures,
      failureRate: calls ? failures / calls : null,
      lastError: last
        ? { code: last.code, message: last.message, operation: last.operation, at: Number(last.occurred_at) }
        : null,
      lastSuccessAt: counts.last_ok === null ? null : Number(counts.last_ok),
    };
  }
}
