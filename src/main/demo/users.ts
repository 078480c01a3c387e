import { getExampleNumber, parsePhoneNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { COUNTRIES, FIRST_NAMES, LAST_NAMES, type Carrier, type Country } from './world';
import { WeightedPicker, pickOne, type Random } from './random';

/** Where a demo user ends up; the scripted events leading there are made in timeline.ts. */
export type DemoUserState = 'normal' | 'locked' | 'cooldown' | 'two_factor_disabled' | 'not_enrolled' | 'not_my_number';

export interface DemoUser {
  index: number;
  id: number;
  name: string;
  email: string;
  role: 'administrator' | 'employee' | 'technician';
  country: Country;
  carrier: Carrier;
  phone: string | null;
  /** How often this user signs in, relative to others (a few people sign in all day). */
  activity: number;
  /** Repeat-failure users fail many times more often than others. */
  failureFactor: number;
  state: DemoUserState;
}

const mobileCache = new Map<string, string>();

/** A valid mobile number for the country: the library's example with its last digits varied. */
function mobileNumber(random: Random, country: Country): string {
  let example = mobileCache.get(country.code);
  if (!example) {
    example = getExampleNumber(country.code, examples)?.number ?? '';
    mobileCache.set(country.code, example);
  }
  for (let attempt = 0; attempt < 6 && example; attempt++) {
    const keep = example.length - 6;
    let candidate = example.slice(0, keep);
    for (let i = 0; i < 6; i++) candidate += Math.floor(random() * 10);
    const parsed = parsePhoneNumber(candidate);
    const type = parsed.getType();
    if (parsed.isValid() && (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE')) return parsed.number;
  }
  return example;
}

/** Share of users in each end state (at least one each once there are 30 users). */
const STATE_SHARES: [DemoUserState, number][] = [
  ['locked', 0.01],
  ['cooldown', 0.01],
  ['two_factor_disabled', 0.01],
  ['not_my_number', 0.005],
  ['not_enrolled', 0.03],
];

export function buildUsers(random: Random, count: number, takenEmails: Set<string>): DemoUser[] {
  const countryPicker = new WeightedPicker(COUNTRIES.map((country) => country.weight));
  const users: DemoUser[] = [];
  for (let index = 0; index < count; index++) {
    const country = COUNTRIES[countryPicker.pick(random)];
    const carrier = country.carriers[new WeightedPicker(country.carriers.map((c) => c.weight)).pick(random)];
    const first = pickOne(random, FIRST_NAMES);
    const last = pickOne(random, LAST_NAMES);
    const base = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    let email = `${base}@example.com`;
    for (let n = 2; takenEmails.has(email); n++) email = `${base}${n}@example.com`;
    takenEmails.add(email);
    // At least two administrators, as the FAQ's best practice asks.
    const role = index < 2 || random() < 0.03 ? 'administrator' : random() < 0.2 ? 'technician' : 'employee';
    // Pareto-like activity: most sign in once or twice a day, a few many times.
    const activity = Math.min(40, 1 / Math.pow(1 - random() * 0.999, 0.7));
    const failureFactor = random() < 0.03 ? 6 + random() * 6 : 1;
    users.push({
      index,
      id: 0,
      name: `${first} ${last}`,
      email,
      role,
      country,
      carrier,
      phone: mobileNumber(random, country),
      activity,
      failureFactor,
      state: 'normal',
    });
  }
  if (count >= 30) {
    // End states go to non-administrators, spread by a seeded shuffle.
    const candidates = users.filter((u) => u.role !== 'administrator');
    for (let i = candidates.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
    }
    let next = 0;
    for (const [state, share] of STATE_SHARES) {
      const n = Math.max(1, Math.round(count * share));
      for (let i = 0; i < n && next < candidates.length; i++) {
        const user = candidates[next++];
        user.state = state;
        if (state === 'not_enrolled') user.phone = null;
      }
    }
  }
  return users;
}
