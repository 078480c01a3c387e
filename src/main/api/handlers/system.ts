import { schemaState } from '../../db/data-source';
import type { AppContext } from '../../context';
import { generateDemoData } from '../../demo/generate';
import { detectIfChanged } from '../../incidents/actions';
import { activeProviderId } from '../../settings/provider-choice';
import { DomainError } from '../../core/domain-error';
import { requireOperator } from '../../users/operators';
import { actorOf } from '../call-context';
import type { Handlers } from '../dispatch';
import { APP_VERSION } from '../../version';

type SystemHandlers = Pick<Handlers, 'info' | 'liveChanges' | 'loadDemoData'>;

export function systemHandlers(ctx: AppContext): SystemHandlers {
  return {
    async info() {
      const state = await schemaState(ctx.db.dataSource);
      const [counts] = await ctx.db.query<{ users: number; events: number; staff: number }>(
        `SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM events) AS events,
           (SELECT COUNT(*) FROM users WHERE password_hash IS NULL) AS staff`,
      );
      return {
        appVersion: APP_VERSION,
        shell: ctx.shell,
        dataDir: ctx.dataDir,
        dbPath: ctx.database.display,
        database: { kind: ctx.database.kind, source: ctx.database.source },
        schemaVersion: state.schemaVersion,
        latestMigration: state.latestMigration,
        provider: await activeProviderId(ctx.db),
        counts: { users: Number(counts.users), events: Number(counts.events), staff: Number(counts.staff) },
      };
    },
    async liveChanges(input) {
      const live = await ctx.live();
      const version = await live.wait(input.after, input.waitMs ?? 25_000);
      return { version, latestEventId: live.latest(), via: live.via, connected: live.connected };
    },
    async loadDemoData(input, call) {
      await ctx.db.read((manager) => requireOperator(manager, actorOf(call), 'load demo data', true));
      // From a window or a browser tab, demo data only goes into an empty console (its operators
      // aside): the event log of a real organisation is append-only. The command line's `seed` may
      // add to any database.
      if (ctx.shell !== 'cli') {
        const [row] = await ctx.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE password_hash IS NULL');
        const users = Number(row.n);
        if (users > 0) {
          throw new DomainError(
            'NOT_EMPTY',
            `Demo data is only loaded into an empty console; this one already has ${users} user${users === 1 ? '' : 's'} besides its operators.`,
          );
        }
      }
      const loaded = await generateDemoData(ctx.db, {
        users: input.users ?? 200,
        events: input.events ?? 20_000,
        seed: input.seed ?? 42,
        now: ctx.clock.now(),
      });
      await detectIfChanged(ctx.db, ctx.clock);
      return loaded;
    },
  };
}
