import type { AppContext } from '../../context';
import type { Handlers } from '../dispatch';

type PolicyHandlers = Pick<Handlers, 'getPolicy' | 'updatePolicy' | 'setFirmTwoFactor' | 'setSimulatedFailure'>;

/** Policy numbers, firm-wide 2FA and the simulated provider's failure switch. */
export function policyHandlers(ctx: AppContext): PolicyHandlers {
  const engine = ctx.engine;
  return {
    getPolicy: () => engine.getPolicy(),
    updatePolicy: (input) => engine.updatePolicy(input),
    setFirmTwoFactor: (input) => engine.setFirmTwoFactor(input),
    setSimulatedFailure: (input) => engine.setSimulatedFailure(input),
  };
}
