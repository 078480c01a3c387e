import { openDb, type AppContext } from '../../context';
import { troubleshootFacts } from '../../troubleshoot/facts';
import type { Handlers } from '../dispatch';

export function troubleshootHandlers(ctx: AppContext): Pick<Handlers, 'troubleshootFacts'> {
  return {
    troubleshootFacts: (input) => troubleshootFacts(openDb(ctx), input.email, ctx.clock.now()),
  };
}
