import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/main/core/domain-error';
import { dispatch as dispatchCall, type Handlers } from '../../../src/main/api/dispatch';
import type { CallContext } from '../../../src/main/api/call-context';
import type { Operator } from '../../../src/main/engine/operators/sessions';

/** No session unless a test gives one: the resolver refuses as the real one does. */
const noSession = async (): Promise<Operator> =>
  Promise.reject(new DomainError('SIGN_IN_REQUIRED', 'Sign in to the console first.'));
const newCall = (): CallContext => ({ transport: 'cli', caller: {}, operator: null, issued: {} });
const dispatch = (h: Handlers, method: string, input: unknown, resolve = noSession, call = newCall()) =>
  dispatchCall(h, method, input, call, resolve);

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

  it('refuses an operator method without a session before its handler runs; info is public', async () => {
    let ran = false;
    const result = await dispatch(
      handlers({ loadDemoData: async () => ((ran = true), { users: 0, events: 0 }) }),
      'loadDemoData',
      {},
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'SIGN_IN_REQUIRED', message: 'Sign in to the console first.' },
    });
    expect(ran).toBe(false);
    expect((await dispatch(handlers(), 'info', {})).ok).toBe(true);
  });

  it("hands the handler the session's operator, never one from the request", async () => {
    const operator = { sessionId: 's', user: { email: 'ada@example.com' } } as unknown as Operator;
    const call = newCall();
    let seen: string | null = null;
    await dispatch(
      handlers({
        loadDemoData: async (_input, c) => ((seen = c.operator?.user.email ?? null), { users: 0, events: 0 }),
      }),
      'loadDemoData',
      {},
      async () => operator,
      call,
    );
    expect(seen).toBe('ada@example.com');
    const forged = await dispatch(handlers(), 'loadDemoData', { actor: 'eve@example.com' }, async () => operator);
    expect(forged).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('actor') },
    });
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
