import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/core/clock';
import { SyncScheduler, type Timer } from '../../../src/main/providers/twilio/sync-scheduler';

/** A timer the test fires by hand: nothing waits, and what is pending is visible. */
class ManualTimer implements Timer {
  pending = new Map<number, { callback: () => void; ms: number }>();
  private next = 1;
  set(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { callback, ms });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires the one pending callback (asserting there is exactly one) and returns its delay. */
  fire(): number {
    expect(this.pending.size).toBe(1);
    const [[id, entry]] = [...this.pending];
    this.pending.delete(id);
    entry.callback();
    return entry.ms;
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the delivery-sync scheduler', () => {
  it('waits the first delay, then runs every interval, one run at a time', async () => {
    const timer = new ManualTimer();
    const clock = new FakeClock();
    let runs = 0;
    let finish!: () => void;
    const scheduler = new SyncScheduler(
      () => {
        runs += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      { intervalMs: 300_000, firstDelayMs: 30_000, clock, timer },
    );
    scheduler.start();
    expect(scheduler.state.nextRunAt).toBe(clock.now() + 30_000);
    expect(timer.fire()).toBe(30_000);
    expect(runs).toBe(1);
    // While a run is in progress nothing else is scheduled: a slow Twilio cannot stack runs up.
    expect(timer.pending.size).toBe(0);
    clock.advance(2_000);
    finish();
    await flush();
    expect(scheduler.state).toMatchObject({ running: false, lastRunAt: clock.now(), lastError: null });
    expect(timer.fire()).toBe(300_000);
    expect(runs).toBe(2);
    finish();
    await scheduler.stop();
    expect(timer.pending.size).toBe(0);
  });

  it('keeps going after a failed run and reports the error', async () => {
    const timer = new ManualTimer();
    let fail = true;
    const scheduler = new SyncScheduler(
      async () => {
        if (fail) throw new Error('Twilio unreachable');
      },
      { intervalMs: 60_000, clock: new FakeClock(), timer },
    );
    scheduler.start();
    timer.fire();
    await flush();
    expect(scheduler.state.lastError).toBe('Twilio unreachable');
    fail = false;
    timer.fire();
    await flush();
    expect(scheduler.state.lastError).toBeNull();
    await scheduler.stop();
  });

  it('stop cancels the next run', async () => {
    const timer = new ManualTimer();
    let runs = 0;
    const scheduler = new SyncScheduler(async () => void runs++, { intervalMs: 60_000, clock: new FakeClock(), timer });
    scheduler.start();
    await scheduler.stop();
    expect(timer.pending.size).toBe(0);
    expect(scheduler.state.nextRunAt).toBeNull();
    expect(runs).toBe(0);
  });
});
