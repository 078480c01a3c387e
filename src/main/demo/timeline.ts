import { HOUR_WEIGHTS, WEEKEND_FACTOR } from './world';
import { WeightedPicker, between, type Random } from './random';
import type { EventOptions } from './event-factory';
import type { DemoUser } from './users';
import type { Truth } from './injected';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An event decided but not yet built into a row. */
export interface Planned {
  at: number;
  type: string;
  user: DemoUser;
  options?: EventOptions;
  /** Made because of an earlier event; counts against the day's random events. */
  followUp?: boolean;
}

export interface DayWindow {
  start: number;
  end: number;
  weight: number;
}

/** The UTC days of the span, weekends quieter, partial first/last days weighted by length. */
export function dayWindows(from: number, to: number): DayWindow[] {
  const days: DayWindow[] = [];
  for (let day = Math.floor(from / DAY); day * DAY < to; day++) {
    const start = Math.max(from, day * DAY);
    const end = Math.min(to, (day + 1) * DAY);
    if (end <= start) continue;
    const weekday = new Date(day * DAY).getUTCDay();
    const factor = weekday === 0 || weekday === 6 ? WEEKEND_FACTOR : 1;
    days.push({ start, end, weight: (factor * (end - start)) / DAY });
  }
  return days;
}

/** Splits `total` over the days by weight, exactly (largest remainders get the leftovers). */
export function allocate(total: number, days: DayWindow[]): number[] {
  const sum = days.reduce((s, d) => s + d.weight, 0);
  const exact = days.map((d) => (sum > 0 ? (total * d.weight) / sum : 0));
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0 && days.length > 0; k = (k + 1) % days.length, left--) counts[order[k][1]] += 1;
  return counts;
}

const hourPicker = new WeightedPicker(HOUR_WEIGHTS);

/** A moment in the window that follows the user's local working day. */
export function workingTime(random: Random, window: DayWindow, utcOffsetHours: number): number {
  const dayStart = Math.floor(window.start / DAY) * DAY;
  for (let tries = 0; tries < 8; tries++) {
    const local = hourPicker.pick(random) * HOUR + Math.floor(random() * HOUR);
    const utc = dayStart + ((((local - utcOffsetHours * HOUR) % DAY) + DAY) % DAY);
    if (utc >= window.start && utc < window.end) return utc;
  }
  return window.start + Math.floor(random() * (window.end - window.start));
}

/** A burst: many events of one kind in a short window (a provider incident, a carrier filtering spam). */
export interface Burst {
  start: number;
  end: number;
  /** Events it adds (a paired burst adds a send before each failure: count / 2 failures). */
  count: number;
  type: string;
  code: string;
  users: DemoUser[];
  /** Each failure follows a send seconds earlier, as the engine logs a send the carrier then failed. */
  paired?: boolean;
  /** Slow-burning: the failures thicken over the window instead of starting at full strength. */
  ramp?: boolean;
  /** Ground truth to fill as its events are made. */
  truth?: Truth;
}

/**
 * Days at the start of the span kept free of bursts: a key needs a week of history before the
 * detector judges it and four weeks for a full hour-of-week baseline; two weeks is the compromise.
 */
export const BURST_FREE_DAYS = 14;

/** Picks a full weekday of the span, away from both ends (and the first two weeks), and a window on it. */
export function burstWindow(
  random: Random,
  days: DayWindow[],
  startHourUtc: number,
  minutes: [number, number],
): [number, number] | null {
  let full = days.filter(
    (d, i) => i >= BURST_FREE_DAYS && i < days.length - 1 && d.end - d.start === DAY && d.weight === 1,
  );
  if (full.length === 0)
    full = days.filter((d, i) => i > 0 && i < days.length - 1 && d.end - d.start === DAY && d.weight === 1);
  if (full.length === 0) return null;
  const day = full[Math.floor(random() * full.length)];
  const start = day.start + Math.round(startHourUtc * HOUR) + between(random, 0, 59) * MINUTE;
  const end = Math.min(day.end - 1, start + between(random, minutes[0], minutes[1]) * MINUTE);
  return [start, end];
}

/**
 * The events that bring a user to their end state, ending at `at`, plus the user's
 * columns for that state. Random events stop for the user at `quietFrom`.
 */
export function scriptFor(
  random: Random,
  user: DemoUser,
  now: number,
  admins: DemoUser[],
): { planned: Planned[]; quietFrom: number; columns: Record<string, unknown> } {
  const planned: Planned[] = [];
  const add = (at: number, type: string, options?: EventOptions) => planned.push({ at, type, user, options });
  const wrongCodes = (until: number) => {
    for (let k = 1; k <= 5; k++) add(until - (6 - k) * MINUTE, 'wrong_code', { attempt: k });
  };
  switch (user.state) {
    case 'locked': {
      const at = now - between(random, 2 * 60, 72 * 60) * MINUTE;
      add(at - 72 * MINUTE, 'code_sent');
      wrongCodes(at - 66 * MINUTE);
      add(at - 66 * MINUTE, 'cooldown_activated');
      add(at - 6 * MINUTE, 'code_sent');
      wrongCodes(at);
      add(at, 'account_lock');
      return {
        planned,
        quietFrom: at - 80 * MINUTE,
        columns: { locked_at: at, lock_reason: 'Too many failed verification attempts', consecutive_failures: 10 },
      };
    }
    case 'cooldown': {
      const at = now - between(random, 2, 50) * MINUTE;
      add(at - 6 * MINUTE, 'code_sent');
      wrongCodes(at);
      add(at, 'cooldown_activated');
      return {
        planned,
        quietFrom: at - 10 * MINUTE,
        columns: {
          cooldown_until: at + HOUR,
          failed_checks: 5,
          consecutive_failures: 5,
          sends_without_success: 1,
          last_send_at: at - 6 * MINUTE,
        },
      };
    }
    case 'two_factor_disabled': {
      const at = now - between(random, 24, 20 * 24) * HOUR;
      for (let k = 3; k >= 1; k--) add(at - k * 20 * MINUTE, 'sms_failure', { code: '30003' });
      add(at, 'two_factor_disabled', { actor: admins[Math.floor(random() * admins.length)] });
      const until = at + 7 * DAY;
      return {
        planned,
        quietFrom: at - 70 * MINUTE,
        columns:
          until > now
            ? { two_factor: 'disabled_until', two_factor_disabled_until: until }
            : { two_factor: 'disabled_permanently' },
      };
    }
    case 'not_my_number': {
      const at = now - between(random, 60, 5 * 24 * 60) * MINUTE;
      add(at - MINUTE, 'code_sent');
      add(at, 'not_my_number');
      return { planned, quietFrom: at - 5 * MINUTE, columns: { not_my_number_at: at } };
    }
    case 'not_enrolled':
      return { planned, quietFrom: -Infinity, columns: { two_factor: 'not_enrolled' } };
    default:
      return { planned, quietFrom: Infinity, columns: {} };
  }
}
