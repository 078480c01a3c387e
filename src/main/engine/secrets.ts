import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt cost: N=2^14, r=8 (the library default), about 30 ms here. Codes are short, so the
// cost, the per-row salt and the 3-minute life together make an offline guess pointless.
const SCRYPT: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function scryptAsync(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$<salt>$<hash>` (base64url), with a fresh salt per row. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time comparison against a stored hash; a malformed hash never matches. */
export async function verifySecret(secret: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64url'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * The stored secret a typed one matches, among several (a user's backup codes, their temporary
 * access codes): compared in parallel on the thread pool, each comparison constant-time.
 */
export async function firstMatch<T extends { code_hash: string | null }>(typed: string, rows: T[]): Promise<T | null> {
  const matches = await Promise.all(rows.map((row) => verifySecret(typed, row.code_hash)));
  return rows.find((_, i) => matches[i]) ?? null;
}

/** A code of `length` random decimal digits (leading zeros kept). */
export function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

/** A device token: 256 random bits, so a plain SHA-256 is enough and lets us look the row up by hash. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A password an administrator hands to a new operator (who must choose their own at the first
 * sign-in): 4 groups of 5 letters and digits, about 100 bits, easy to read out.
 */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 5; i++) group += alphabet[randomInt(alphabet.length)];
    groups.push(group);
  }
  return groups.join('-');
}

export function newSessionId(): string {
  return randomBytes(16).toString('hex');
}

/** What the user typed, without the spaces and dashes people put in codes. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}
