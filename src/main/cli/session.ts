import { createApi, type Api } from '../api';
import { openContext, type AppContext } from '../context';

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
    return await work(createApi(ctx), ctx);
  } finally {
    await ctx.close();
  }
}
