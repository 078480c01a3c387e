import { createApi, type Api, type Caller, type Issued } from '../api';
import { openContext, type AppContext } from '../context';
import { checkCommandLineDatabase } from '../db/location';
import type { Result } from '../../shared/result';
import { CliSessionFile } from './session-file';

export interface DbOptions {
  db?: string;
  json?: boolean;
}

/** The command prints the error itself in one line; the stack only under --debug. */
function reportIfDebugging(method: string, error: unknown): void {
  if (process.env.MFA_CONSOLE_DEBUG === '1') console.error(`mfa-console: ${method} failed`, error);
}

/** The API as this terminal's operator: every call carries the session `mfa-console login` kept. */
export interface CliApi {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  invoke(method: string, input: unknown): Promise<{ result: Result<unknown>; issued: Issued }>;
  sessions: CliSessionFile;
}

/**
 * Opens the same data directory (or the --db file) as the other shells, runs `work` against the
 * API with this terminal's operator session, and always closes the database, so a command never
 * leaves a half-open file behind. A session the console ended is forgotten here too.
 */
export async function withApi<T>(options: DbOptions, work: (api: CliApi, ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openContext({ shell: 'cli', dbPath: checkCommandLineDatabase(options.db) });
  const sessions = new CliSessionFile(ctx.dbPath);
  const api: Api = createApi(ctx, reportIfDebugging);
  const caller = (): Caller => ({
    sessionToken: sessions.session()?.token ?? null,
    deviceToken: sessions.deviceToken(),
    activity: true,
  });
  const invoke = async (method: string, input: unknown) => {
    const outcome = await api.invoke(method, input, caller());
    if (outcome.issued.device) sessions.saveDeviceToken(outcome.issued.device.token);
    if (!outcome.result.ok && ['SESSION_EXPIRED', 'SIGN_IN_REQUIRED'].includes(outcome.result.error.code)) {
      sessions.saveSession(null);
    }
    return outcome;
  };
  try {
    return await work({ invoke, call: async (m, i) => (await invoke(m, i)).result, sessions }, ctx);
  } finally {
    await ctx.close();
  }
}
