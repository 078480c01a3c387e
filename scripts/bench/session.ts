import type { Api } from '../../src/main/api';
import type { AppContext } from '../../src/main/context';
import { createOperatorSession } from '../../src/main/engine/operators/sessions';
import { findUser } from '../../src/main/users/user-row';

/**
 * The API as a signed-in bench operator calls it: every method but a few needs a session since the
 * operator sign-in (issue 12). The bench's clock stands still, so the session never locks.
 */
export async function benchApi(api: Api, ctx: AppContext): Promise<Api> {
  const email = 'bench.operator@example.com';
  const token = await ctx.db.transaction(async (manager) => {
    const now = ctx.clock.now();
    let user = await findUser(manager, email);
    if (!user) {
      await manager.query(
        `INSERT INTO users (name, email, role, status, two_factor, password_hash, created_at, updated_at)
         VALUES ('Bench Operator', ?, 'administrator', 'active', 'not_enrolled', 'bench', ?, ?)`,
        [email, now, now],
      );
      user = await findUser(manager, email);
    }
    return (await createOperatorSession(manager, user!, 'cli', 'bench', now)).token;
  });
  const caller = { sessionToken: token };
  return {
    call: (method, input) => api.call(method, input, caller),
    invoke: (method, input) => api.invoke(method, input, caller),
  };
}
