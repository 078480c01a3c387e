import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/data-source';
import { Database } from '../../../src/main/db/database';
import { FakeClock } from '../../../src/main/core/clock';
import { ProviderHealth } from '../../../src/main/providers/twilio/health';

const MINUTE = 60_000;
let db: Database;
let clock: FakeClock;
let health: ProviderHealth;

beforeEach(async () => {
  db = new Database(await openDatabase({ path: ':memory:' }));
  clock = new FakeClock();
  health = new ProviderHealth(db, clock);
});
afterEach(() => db.close());

const failure = (code: string) => ({ kind: 'provider_failure' as const, code, message: `failed ${code}` });

describe('provider health', () => {
  it('has no rate and no last error before any call', async () => {
    expect(await health.summary()).toMatchObject({ calls: 0, failures: 0, failureRate: null, lastError: null });
  });

  it('gives the failure rate over the last hour and the most recent error', async () => {
    await health.record({ operation: 'send', failure: failure('500'), durationMs: 120 });
    clock.advance(61 * MINUTE);
    await health.record({ operation: 'send', failure: null, durationMs: 80 });
    await health.record({ operation: 'send', failure: null, durationMs: 80 });
    clock.advance(MINUTE);
    await health.record({ operation: 'check', failure: failure('TIMEOUT'), durationMs: 10_000 });
    const summary = await health.summary();
    // The 500 is older than an hour: out of the rate, but the TIMEOUT is the last error either way.
    expect(summary).toMatchObject({ calls: 3, failures: 1, lastSuccessAt: clock.now() - MINUTE });
    expect(summary.failureRate).toBeCloseTo(1 / 3);
    expect(summary.lastError).toEqual({
      code: 'TIMEOUT',
      message: 'failed TIMEOUT',
      operation: 'check',
      at: clock.now(),
    });
  });

  it('still shows the last error after the hour, until a week has passed', async () => {
    await health.record({ operation: 'send', failure: failure('ECONNREFUSED'), durationMs: 5 });
    clock.advance(3 * 24 * 60 * MINUTE);
    await health.record({ operation: 'send', failure: null, durationMs: 5 });
    expect((await health.summary()).lastError?.code).toBe('ECONNREFUSED');
    clock.advance(5 * 24 * 60 * MINUTE);
    await health.record({ operation: 'send', failure: null, durationMs: 5 });
    expect((await health.summary()).lastError).toBeNull();
  });
});
