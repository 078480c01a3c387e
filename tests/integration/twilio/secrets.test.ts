import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSecretStore, SafeStorageSecretStore, type SafeStorageLike } from '../../../src/main/secrets';

const dir = mkdtempSync(join(tmpdir(), 'mfa-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Stands in for Electron's safeStorage: reversible, and visibly not clear text. */
function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

describe('the file secret store (web shell and command line)', () => {
  it('keeps secrets in a file only its owner can read or write (0600)', async () => {
    const path = join(dir, 'file', 'secrets.json');
    const store = new FileSecretStore(path);
    await store.setMany({ 'twilio.authToken': 'tok_0123456789abcdef' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.get('twilio.authToken')).toBe('tok_0123456789abcdef');
    expect(await new FileSecretStore(path).get('twilio.authToken')).toBe('tok_0123456789abcdef');
  });

  it('tightens a file that was left readable by others on the next write', async () => {
    const path = join(dir, 'loose.json');
    writeFileSync(path, '{}', { mode: 0o644 });
    await new FileSecretStore(path).setMany({ a: 'b' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('forgets a secret set to null and keeps the others', async () => {
    const store = new FileSecretStore(join(dir, 'forget.json'));
    await store.setMany({ a: 'one', b: 'two' });
    await store.setMany({ a: null });
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).toBe('two');
  });

  it('answers null for a store that was never written', async () => {
    expect(await new FileSecretStore(join(dir, 'missing.json')).get('x')).toBeNull();
  });
});

describe('the safeStorage secret store (desktop app)', () => {
  it('writes only ciphertext to disk and reads the secret back', async () => {
    const path = join(dir, 'safe.json');
    const store = new SafeStorageSecretStore(fakeSafeStorage(), path);
    await store.setMany({ 'twilio.authToken': 'tok_0123456789abcdef' });
    expect(readFileSync(path, 'utf8')).not.toContain('tok_0123456789abcdef');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.get('twilio.authToken')).toBe('tok_0123456789abcdef');
  });

  it('refuses to save when the OS offers no encryption, rather than store clear text', async () => {
    const path = join(dir, 'unavailable.json');
    const store = new SafeStorageSecretStore(fakeSafeStorage(false), path);
    await expect(store.setMany({ 'twilio.authToken': 'tok_0123456789abcdef' })).rejects.toThrow(/no encryption/);
    expect(await store.get('twilio.authToken')).toBeNull();
  });

  it('does not hand out a value that was stored unencrypted', async () => {
    const path = join(dir, 'plain.json');
    await new FileSecretStore(path).setMany({ 'twilio.authToken': 'clear' });
    await expect(new SafeStorageSecretStore(fakeSafeStorage(), path).get('twilio.authToken')).rejects.toThrow(
      /not encrypted/,
    );
  });
});
