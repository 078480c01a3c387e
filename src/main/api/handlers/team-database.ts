import type { AppContext } from '../../context';
import {
  saveTeamDatabase,
  teamDatabaseView,
  testTeamDatabase,
  type TeamDatabaseDeps,
} from '../../settings/team-database';
import { requireOperator } from '../../users/operators';
import { actorOf } from '../call-context';
import type { Handlers } from '../dispatch';
import { requireFreshPassword } from '../reauth';

type TeamDatabaseHandlers = Pick<Handlers, 'teamDatabaseGet' | 'teamDatabaseTest' | 'teamDatabaseSave'>;

/** Settings → Team database: which database this console runs on, and the one for its next start. */
export function teamDatabaseHandlers(ctx: AppContext): TeamDatabaseHandlers {
  const deps: TeamDatabaseDeps = { db: ctx.db, clock: ctx.clock, secrets: ctx.secrets, database: ctx.database };
  return {
    async teamDatabaseGet(_input, call) {
      await ctx.db.read((manager) => requireOperator(manager, actorOf(call), 'see the database settings'));
      return teamDatabaseView(deps);
    },
    // A test connects from this machine to any address: as high-risk as saving one.
    async teamDatabaseTest(input, call) {
      requireFreshPassword(ctx, call, 'test a team database');
      return testTeamDatabase(deps, { ...input, actor: actorOf(call) });
    },
    async teamDatabaseSave(input, call) {
      requireFreshPassword(ctx, call, 'change the team database');
      return saveTeamDatabase(deps, { ...input, actor: actorOf(call) });
    },
  };
}
