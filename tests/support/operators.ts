import type { Api, Caller } from '../../src/main/api';
import type { AppContext } from '../../src/main/context';
import type { Result } from '../../src/shared/result';

export const PASSWORD = 'correct horse battery staple';

export interface OperatorSpec {
  name: string;
  email: string;
  phone: string;
}

export const ADA: OperatorSpec = { name: 'Ada Admin', email: 'ada@example.com', phone: '+447111222333' };

/** An API client acting as one signed-in operator (the session its transport would carry). */
export interface SignedIn {
  caller: Caller;
  call(method: string, input?: unknown): Promise<Result<unknown>>;
  /** The value, or throws with the error's code and message. */
  value<T = unknown>(method: string, input?: unknown): Promise<T>;
}

/** The code the simulated provider sent to `phone` last (tests read the simulated phone directly). */
export async function lastCode(ctx: AppContext, phone: string): Promise<string> {
  const [row] = await ctx.db.query<{ body: string }>(
    'SELECT body FROM simulated_outbox WHERE phone = ? ORDER BY id DESC LIMIT 1',
    [phone],
  );
  const code = /\b(\d{6})\b/.exec(row?.body ?? '')?.[1];
  if (!code) throw new Error(`no code was sent to ${phone}`);
  return code;
}

/**
 * Sends the sign-in code; a code sent to the same phone moments ago (another sign-in in the same
 * test) means waiting out the resend gap, as a person would: the fake clock moves on.
 */
export async function sendWaitingIfNeeded(api: Api, ctx: AppContext, pendingToken: string): Promise<Result<unknown>> {
  const sent = await api.call('operatorSignInSendCode', { pendingToken });
  const clock = ctx.clock as { advance?: (ms: number) => void; now(): number };
  if (!sent.ok && sent.error.code === 'RESEND_TOO_SOON' && clock.advance) {
    clock.advance(Number(sent.error.details?.retryAt ?? clock.now()) - clock.now() + 1000);
    return api.call('operatorSignInSendCode', { pendingToken });
  }
  return sent;
}

function client(api: Api, caller: Caller): SignedIn {
  return {
    caller,
    call: (method, input = {}) => api.call(method, input, caller),
    async value(method, input = {}) {
      const result = await api.call(method, input, caller);
      if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), result.error);
      return result.value as never;
    },
  };
}

/** Signs an operator in through the real steps: password, the SMS code from the simulated phone. */
export async function signIn(
  api: Api,
  ctx: AppContext,
  email: string,
  password = PASSWORD,
  options: { newPassword?: string } = {},
): Promise<SignedIn> {
  const start = await api.invoke('operatorSignIn', { email, password, ...options });
  if (!start.result.ok) throw new Error(`${start.result.error.code}: ${start.result.error.message}`);
  const step = start.result.value as { outcome: string; pendingToken: string };
  if (step.outcome === 'signed_in') return client(api, { sessionToken: start.issued.session?.token });
  const sent = await sendWaitingIfNeeded(api, ctx, step.pendingToken);
  if (!sent.ok) throw new Error(`${sent.error.code}: ${sent.error.message}`);
  const [user] = await ctx.db.query<{ phone_e164: string }>('SELECT phone_e164 FROM users WHERE email = ?', [email]);
  const done = await api.invoke('operatorSignInVerify', {
    pendingToken: step.pendingToken,
    code: await lastCode(ctx, user.phone_e164),
  });
  if (!done.result.ok) throw new Error(`${done.result.error.code}: ${done.result.error.message}`);
  return client(api, { sessionToken: done.issued.session?.token });
}

/** The first administrator of an empty console, signed in. */
export async function bootstrapAdmin(api: Api, ctx: AppContext, who: OperatorSpec = ADA): Promise<SignedIn> {
  const created = await api.call('operatorBootstrap', { ...who, password: PASSWORD });
  if (!created.ok) throw new Error(`${created.error.code}: ${created.error.message}`);
  return signIn(api, ctx, who.email);
}

/**
 * Another operator, added by a signed-in administrator, then signed in with the temporary password
 * (changed to PASSWORD at the first sign-in, as the console asks).
 */
export async function addOperator(
  api: Api,
  ctx: AppContext,
  admin: SignedIn,
  who: OperatorSpec & { role: 'administrator' | 'technician' },
): Promise<SignedIn> {
  const added = await admin.value<{ temporaryPassword: string }>('addUser', {
    name: who.name,
    email: who.email,
    role: who.role,
    phone: who.phone,
    reason: 'New member of the helpdesk',
  });
  return signIn(api, ctx, who.email, added.temporaryPassword, { newPassword: PASSWORD });
}

/**
 * A session for a test that is about something else (the explorer, exports, Twilio): an operator
 * row and its session written directly, with no events, so the log under test holds only what the
 * test put there. The sign-in steps themselves are tested in tests/unit/engine/operator-sign-in.test.ts.
 */
export async function fixtureOperator(
  api: Api,
  ctx: AppContext,
  who: { email: string; name?: string; role?: 'administrator' | 'technician' } = {
    email: 'test.operator@example.com',
  },
): Promise<SignedIn> {
  const { createOperatorSession } = await import('../../src/main/engine/operators/sessions');
  const { findUser } = await import('../../src/main/users/user-row');
  const token = await ctx.db.transaction(async (manager) => {
    const now = ctx.clock.now();
    let user = await findUser(manager, who.email);
    if (!user) {
      await manager.query(
        `INSERT INTO users (name, email, role, status, two_factor, password_hash, created_at, updated_at)
         VALUES (?, ?, ?, 'active', 'not_enrolled', 'fixture', ?, ?)`,
        [who.name ?? 'Test Operator', who.email, who.role ?? 'administrator', now, now],
      );
      user = await findUser(manager, who.email);
    }
    return (await createOperatorSession(manager, user!, 'cli', 'fixture', now)).token;
  });
  return client(api, { sessionToken: token });
}

/**
 * For tests written as "this operator does that": `call(method, { actor, ...input })` acts as the
 * operator named by `actor` (a session of theirs, made once; the field never reaches the API), the
 * user's own sign-in steps without any session, and operator methods without `actor` as `fallback`.
 */
export function actingAs(api: Api, ctx: AppContext, fallback: string) {
  const sessions = new Map<string, Promise<SignedIn>>();
  return {
    async call(method: string, input: Record<string, unknown> = {}): Promise<Result<unknown>> {
      const { contract } = await import('../../src/shared/contract');
      const { actor, ...rest } = input as { actor?: string };
      if (contract[method as keyof typeof contract]?.access === 'public' && !actor) return api.call(method, rest);
      const email = actor ?? fallback;
      if (!sessions.has(email)) sessions.set(email, fixtureOperator(api, ctx, { email }));
      return (await sessions.get(email)!).call(method, rest);
    },
  };
}
