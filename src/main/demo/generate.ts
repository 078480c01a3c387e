import type { Database } from '../db/database';

export interface DemoOptions {
  users: number;
  events: number;
  seed: number;
  /** Events fall in the 90 days before this time. */
  now: number;
}

/** mulberry32: a tiny seeded PRNG so demo data is the same for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Ava',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Finn',
  'Grace',
  'Hugo',
  'Isla',
  'Jack',
  'Kemi',
  'Liam',
  'Maya',
  'Noah',
  'Olivia',
  'Priya',
  'Quinn',
  'Ravi',
  'Sofia',
  'Tom',
];
const LAST = [
  'Adams',
  'Brown',
  'Chen',
  'Davies',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Jones',
  'Khan',
  'Lopez',
  'Murphy',
  'Nowak',
  'Okafor',
  'Patel',
  'Rossi',
  'Smith',
  'Taylor',
  'Walsh',
];
const PHONES: { country: string; prefix: string; carriers: string[] }[] = [
  { country: 'GB', prefix: '+447700900', carriers: ['EE', 'Vodafone UK', 'O2 UK', 'Three UK'] },
  { country: 'US', prefix: '+1202555', carriers: ['T-Mobile USA', 'Verizon Wireless', 'AT&T Wireless', 'Sprint'] },
  { country: 'CA', prefix: '+1613555', carriers: ['Rogers', 'Bell Mobility', 'Telus'] },
  { country: 'DE', prefix: '+4915100', carriers: ['Telekom', 'Vodafone DE', 'O2 DE'] },
];
const TYPES: [string, number][] = [
  ['code_sent', 40],
  ['sign_in_succeeded', 30],
  ['wrong_code', 10],
  ['sms_failure', 6],
  ['cooldown_activated', 4],
  ['mfa_provider_failure', 3],
  ['session_expired', 3],
  ['account_lock', 1.5],
  ['not_my_number', 1],
  ['incorrect_phone_number', 1.5],
];

/** Fills an empty console with plausible users and events. */
export async function generateDemoData(db: Database, options: DemoOptions): Promise<{ users: number; events: number }> {
  const random = seededRandom(options.seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const totalWeight = TYPES.reduce((sum, [, w]) => sum + w, 0);
  const pickType = (): string => {
    let r = random() * totalWeight;
    for (const [type, w] of TYPES) if ((r -= w) < 0) return type;
    return TYPES[0][0];
  };
  return db.transaction(async (m) => {
    const [{ start }] = (await m.query('SELECT COALESCE(MAX(id), 0) AS start FROM users')) as { start: number }[];
    const users: {
      id: number;
      name: string;
      email: string;
      role: string;
      phone: string;
      country: string;
      carrier: string;
    }[] = [];
    for (let i = 0; i < options.users; i++) {
      const place = pick(PHONES);
      const name = `${pick(FIRST)} ${pick(LAST)}`;
      const email = `${name.toLowerCase().replace(' ', '.')}.${start + i + 1}@example.com`;
      const role = i < 3 ? 'administrator' : random() < 0.2 ? 'technician' : 'employee';
      const phone = place.prefix + String(Math.floor(random() * 1000)).padStart(3, '0');
      const carrier = pick(place.carriers);
      await m.query(
        `INSERT INTO users (name, email, role, status, phone_e164, phone_country, phone_type, phone_carrier, two_factor, created_at, updated_at)
         VALUES (?, ?, ?, 'active', ?, ?, 'mobile', ?, 'enabled', ?, ?)`,
        [name, email, role, phone, place.country, carrier, options.now, options.now],
      );
      const [{ id }] = (await m.query('SELECT last_insert_rowid() AS id')) as { id: number }[];
      users.push({ id, name, email, role, phone, country: place.country, carrier });
    }
    const span = 90 * 24 * 3600 * 1000;
    const times = Array.from({ length: options.events }, () => options.now - Math.floor(random() * span)).sort(
      (a, b) => a - b,
    );
    for (let i = 0; i < times.length; i += 200) {
      const batch = times.slice(i, i + 200);
      const rows: unknown[] = [];
      for (const at of batch) {
        const user = pick(users);
        const type = pickType();
        const code =
          type === 'mfa_provider_failure'
            ? '500'
            : type === 'sms_failure'
              ? pick(['30003', '30005', '30007', '30008'])
              : null;
        rows.push(
          at,
          type,
          user.id,
          user.name,
          user.email,
          user.role,
          user.phone,
          user.country,
          user.carrier,
          'simulated',
          code,
        );
      }
      const placeholders = batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      await m.query(
        `INSERT INTO events (occurred_at, type, user_id, user_name, user_email, user_role, phone, country, carrier, provider, provider_code) VALUES ${placeholders}`,
        rows,
      );
    }
    return { users: users.length, events: times.length };
  });
}
