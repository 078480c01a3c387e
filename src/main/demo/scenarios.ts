import { Truth, keyOf, type InjectedIncident } from './injected';
import { between, type Random } from './random';
import { DAY, HOUR, MINUTE, burstWindow, type Burst, type DayWindow } from './timeline';
import type { DemoUser } from './users';
import type { Country } from './world';

/** The whole provider down: every send in the window fails with this code instead. */
export interface Outage {
  start: number;
  end: number;
  code: string;
  truth: Truth;
}

/** A carrier that congests every weekday morning (a share of its sends fail): not an incident. */
export interface MorningCongestion {
  carrier: string;
  /** Local hours [from, to) on weekdays. */
  fromHour: number;
  toHour: number;
  share: number;
  code: string;
  truth: Truth;
}

export interface Scenarios {
  bursts: Burst[];
  outage: Outage | null;
  morning: MorningCongestion | null;
  truths: Truth[];
}

const byCarrierOf = (users: DemoUser[]) => {
  const map = new Map<string, DemoUser[]>();
  for (const user of users) map.set(user.carrier.name, [...(map.get(user.carrier.name) ?? []), user]);
  return [...map.entries()];
};

/** 08:00 local on the carrier's country, as a UTC hour of the day. */
const localMorning = (country: Country, hour = 8) => {
  const utc = hour - country.utcOffset;
  return utc < 0 ? utc + 24 : utc >= 24 ? utc - 24 : utc;
};

/**
 * The incidents the demo injects, with their ground truth. `random` is the generator's stream (the
 * first four, as before); `extra` a stream of its own for the hard scenarios, so adding one does not
 * move every other event.
 */
export function planScenarios(
  random: Random,
  extra: Random,
  days: DayWindow[],
  users: DemoUser[],
  events: number,
): Scenarios {
  const none: Scenarios = { bursts: [], outage: null, morning: null, truths: [] };
  if (events < 5_000) return none;
  const enrolled = users.filter((u) => u.phone && u.state === 'normal');
  const bursts: Burst[] = [];
  const truths: Truth[] = [];
  const twilio = keyOf({ provider: 'twilio' });
  // Provider incidents: US morning / European afternoon, 40-100 minutes of HTTP 500s.
  for (let i = 0; i < 2; i++) {
    const window = burstWindow(random, days, 13 + i, [40, 100]);
    if (!window) continue;
    const truth = new Truth('provider-500', 'provider', { ...twilio, providerCode: '500' }, enrolled);
    truths.push(truth);
    bursts.push({
      start: window[0],
      end: window[1],
      count: Math.round(events * 0.004),
      type: 'mfa_provider_failure',
      code: '500',
      users: enrolled,
      truth,
    });
  }
  // Carrier filtering: one network marks our SMS as spam for a morning (30007).
  const carriers = byCarrierOf(enrolled);
  const candidates = carriers
    .filter(([, list]) => list.length >= 3)
    .sort((a, b) => b[1][0].carrier.failureFactor - a[1][0].carrier.failureFactor || b[1].length - a[1].length);
  for (let i = 0; i < 2 && i < candidates.length; i++) {
    const [carrier, list] = candidates[i];
    const window = burstWindow(random, days, localMorning(list[0].country), [180, 360]);
    if (!window) continue;
    const truth = new Truth(
      'carrier-filtering',
      'carrier',
      keyOf({ carrier, country: list[0].country.code, providerCode: '30007' }),
      list,
    );
    truths.push(truth);
    bursts.push({
      start: window[0],
      end: window[1],
      count: Math.round(events * 0.005),
      type: 'sms_failure',
      code: '30007',
      users: list,
      truth,
    });
  }
  const used = new Set(candidates.slice(0, 2).map(([carrier]) => carrier));
  const bySize = carriers.filter(([carrier]) => !used.has(carrier)).sort((a, b) => b[1].length - a[1].length);

  // Slow burn on the biggest network: unreachable handsets (30003) thickening over ten hours.
  const big = bySize[0];
  if (big) {
    const [carrier, list] = big;
    const window = burstWindow(extra, days, localMorning(list[0].country, 6), [600, 600]);
    if (window) {
      const truth = new Truth('slow-burn', 'carrier', keyOf({ carrier, country: list[0].country.code }), list);
      truths.push(truth);
      bursts.push({
        start: window[0],
        end: window[1],
        count: 2 * Math.max(40, Math.round(events * 0.0015)),
        type: 'sms_failure',
        code: '30003',
        users: list,
        paired: true,
        ramp: true,
        truth,
      });
      used.add(carrier);
    }
  }
  // A small network (a handful of users) losing every other message for two or three hours.
  const small = bySize.filter(([carrier, list]) => list.length >= 3 && !used.has(carrier)).at(-1);
  if (small) {
    const [carrier, list] = small;
    const window = burstWindow(extra, days, localMorning(list[0].country, 9), [120, 180]);
    if (window) {
      const truth = new Truth('small-carrier', 'carrier', keyOf({ carrier, country: list[0].country.code }), list);
      truths.push(truth);
      bursts.push({
        start: window[0],
        end: window[1],
        count: 2 * Math.max(35, list.length * 4),
        type: 'sms_failure',
        code: '30005',
        users: list,
        paired: true,
        truth,
      });
      used.add(carrier);
    }
  }
  // The provider down as a whole for an hour or so: every send fails (HTTP 503), nothing is delivered.
  let outage: Outage | null = null;
  const outageWindow = burstWindow(extra, days, 15, [60, 90]);
  if (outageWindow) {
    const truth = new Truth('provider-outage', 'provider', { ...twilio, providerCode: '503' }, enrolled);
    truths.push(truth);
    outage = { start: outageWindow[0], end: outageWindow[1], code: '503', truth };
  }
  // Weekday-morning congestion on the second biggest network: every weekday, so not an incident.
  let morning: MorningCongestion | null = null;
  const second = bySize.find(([carrier]) => !used.has(carrier));
  if (second) {
    const [carrier, list] = second;
    const truth = new Truth('morning-peak', 'carrier', keyOf({ carrier, country: list[0].country.code }), list, false);
    truths.push(truth);
    morning = { carrier, fromHour: 8, toHour: 10, share: 0.25, code: '30008', truth };
  }
  // SMS pumping: a burst of sends to premium-rate numbers of one prefix, at night, never converted.
  const night = burstWindow(extra, days, 2, [120, 240]);
  if (night) {
    const prefix = '+234909';
    const truth = new Truth('pumping', 'pumping', keyOf({ country: 'NG', prefix }), 0);
    truths.push(truth);
    bursts.push({
      start: night[0],
      end: night[1],
      count: Math.max(80, Math.round(events * 0.002)),
      type: 'code_sent',
      code: prefix,
      users: [],
      truth,
    });
  }
  return { bursts, outage, morning, truths };
}

/** True when `at` falls in the carrier's congested weekday-morning hours (the user's local time). */
export function inMorningCongestion(morning: MorningCongestion, user: DemoUser, at: number): boolean {
  if (user.carrier.name !== morning.carrier) return false;
  const local = at + user.country.utcOffset * HOUR;
  const weekday = new Date(Math.floor(local / DAY) * DAY).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const hour = Math.floor((local % DAY) / HOUR);
  return hour >= morning.fromHour && hour < morning.toHour;
}

/** A pumped number: the prefix and random digits to a Nigerian mobile length. */
export function pumpedNumber(random: Random, prefix: string): string {
  let out = prefix;
  while (out.length < 14) out += between(random, 0, 9);
  return out;
}

export const finished = (truths: Truth[]): InjectedIncident[] =>
  truths
    .map((t) => t.record)
    .filter((r) => r.failures + r.sends > 0)
    .sort((a, b) => a.start - b.start);

export { MINUTE };
