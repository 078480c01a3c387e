import type { Clock } from '../../core/clock';

/** setTimeout and clearTimeout, injected so tests fire the schedule by hand instead of waiting. */
export interface Timer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: Timer = {
  set: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending sync must not keep a command-line process or a closing app alive.
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SchedulerState {
  running: boolean;
  lastRunAt: number | null;
  nextRunAt: number | null;
  lastError: string | null;
}

export interface SchedulerOptions {
  intervalMs: number;
  /** The wait before the first run after start, so opening the app is not slowed by a sync. */
  firstDelayMs?: number;
  clock: Clock;
  timer?: Timer;
}

/**
 * Runs the delivery-failure sync every `intervalMs` while the console runs. The next run is
 * scheduled only when the previous one has finished, so runs never overlap however slow Twilio is.
 * The shells start it and stop it; the sync itself decides whether Twilio is active and configured.
 */
export class SyncScheduler {
  private handle: unknown = null;
  private inFlight: Promise<void> | null = null;
  private stopped = true;
  private readonly timer: Timer;
  readonly state: SchedulerState = { running: false, lastRunAt: null, nextRunAt: null, lastError: null };

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly options: SchedulerOptions,
  ) {
    this.timer = options.timer ?? realTimer;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.options.firstDelayMs ?? this.options.intervalMs);
  }

  /** Cancels the next run and waits for one in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = null;
    this.state.nextRunAt = null;
    await this.inFlight;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.state.nextRunAt = this.options.clock.now() + ms;
    this.handle = this.timer.set(() => {
      this.handle = null;
      this.inFlight = this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    this.state.running = true;
    this.state.nextRunAt = null;
    try {
      await this.run();
      this.state.lastError = null;
    } catch (error) {
      this.state.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      this.state.running = false;
      this.state.lastRunAt = this.options.clock.now();
      this.inFlight = null;
      this.schedule(this.options.intervalMs);
    }
  }
}
