import type { AppContext } from '../../context';
import { actorOf } from '../call-context';
import type { Handlers } from '../dispatch';
import { requireFreshPassword } from '../reauth';

type PolicyHandlers = Pick<Handlers, 'getPolicy' | 'updatePolicy' | 'setFirmTwoFactor' | 'setSimulatedFailure'>;

/** Policy numbers, firm-wide 2FA and the simulated provider's failure switch. */
export function policyHandlers(ctx: AppContext): PolicyHandlers {
  const engine = ctx.engine;
  return {
    getPolicy: () => engine.getPolicy(),
    updatePolicy: (input, call) => engine.updatePolicy({ ...input, actor: actorOf(call) }),
    setFirmTwoFactor: (input, call) => {
      requireFreshPassword(ctx, call, 'change firm-wide 2FA');
      return engine.setFirmTwoFactor({ ...input, actor: actorOf(call) });
    },
    setSimulatedFailure: (input, call) => engine.setSimulatedFailure({ ...input, actor: actorOf(call) }),
  };
}
