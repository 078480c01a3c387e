import { schemaState } from '../../db/data-source';
import type { AppContext } from '../../context';
import { generateDemoData } from '../../demo/generate';
import { activeProviderId } from '../../settings/provider-choice';
import type { Handlers } from '../dispatch';
import { APP_VERSION } from '../../version';

type SystemHandlers = Pick<Handlers, 'info' | 'loadDemoData'>;

export function systemHandlers(ctx: AppContext): SystemHandlers {
  return {
    async info() {
      const state = await schemaState(ctx.db.dataSource);
      const [counts] = await ctx.db.query<{ users: number; events: number }>(
        'SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM events) AS events',
      );
      return {
        appVersion: APP_VERSION,
        shell: ctx.shell,
        dataDir: ctx.dataDir,
        dbPath: ctx.dbPath,
        schemaVersion: state.schemaVersion,
        latestMigration: state.latestMigration,
        provider: await activeProviderId(ctx.db),
        counts: { users: Number(counts.users), events: Number(counts.events) },
      };
    },
    async loadDemoData(input) {
      return generateDemoData(ctx.db, {
        users: input.users ?? 200,
        events: input.events ?? 20_000,
        seed: input.seed ?? 42,
        now: ctx.clock.now(),
      });
    },
  };
}
