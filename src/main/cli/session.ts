import { createApi, type Api } from '../api';
import { openContext, type AppContext } from '../context';

/** The command prints the error itself in one line; the stack only under --debug. */
function reportIfDebugging(method: string, error: unknown): void {
  if (process.env.MFA_CONSOLE_DEBUG === '1') console.error(`mfa-console: ${method} failed`, error);
}

export interface DbOptions {
  db?: string;
  json?: boolean;
}

/**
 * Opens the same data directory (or the --db file) as the other shells, runs `work`
 * against the API, and always closes the database, so a command never leaves a
 * half-open file behind.
 */
export async function withApi<T>(options: DbOptions, work: (api: Api, ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openContext({ shell: 'cli', dbPath: options.db });
  try {
    return await work(createApi(ctx, reportIfDebugging), ctx);
  } finally {
    await ctx.close();
  }
}
