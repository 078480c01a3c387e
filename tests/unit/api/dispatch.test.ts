import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/main/core/domain-error';
import { dispatch, type Handlers } from '../../../src/main/api/dispatch';

const info = {
  appVersion: '1',
  shell: 'cli',
  dataDir: '/d',
  dbPath: ':memory:',
  schemaVersion: 1,
  latestMigration: null,
  provider: 'simulated',
  counts: { users: 0, events: 0 },
} as const;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    info: async () => ({ ...info }),
    loadDemoData: async (input) => ({ users: input.users ?? 0, events: 0 }),
    ...overrides,
  } as Handlers;
}

describe('dispatch', () => {
  it('answers the value in the ok envelope', async () => {
    expect(await dispatch(handlers(), 'info', {})).toEqual({ ok: true, value: info });
  });

  it('refuses an unknown method by name', async () => {
    const result = await dispatch(handlers(), 'dropAllTables', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: 'There is no API method named "dropAllTables".' },
    });
  });

  it('refuses inherited property names as methods', async () => {
    const result = await dispatch(handlers(), 'constructor', {});
    expect(result.ok).toBe(false);
  });

  it('names the field that failed validation', async () => {
    const result = await dispatch(handlers(), 'loadDemoData', { users: -3 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toMatch(/^loadDemoData: users: /);
    }
  });

  it('refuses unknown keys so a typo does not pass silently', async () => {
    const result = await dispatch(handlers(), 'info', { verbose: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/verbose/);
  });

  it('carries a domain refusal code across unchanged', async () => {
    const result = await dispatch(
      handlers({ info: async () => Promise.reject(new DomainError('ACCOUNT_LOCKED', 'Account locked.')) }),
      'info',
      {},
    );
    expect(result).toEqual({ ok: false, error: { code: 'ACCOUNT_LOCKED', message: 'Account locked.' } });
  });

  it('turns an unexpected exception into INTERNAL with the method named', async () => {
    const quiet = console.error;
    console.error = () => undefined;
    try {
      const result = await dispatch(handlers({ info: async () => Promise.reject(new Error('disk full')) }), 'info', {});
      expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'info failed: disk full' } });
    } finally {
      console.error = quiet;
    }
  });
});
