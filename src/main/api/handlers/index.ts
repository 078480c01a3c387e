import type { AppContext } from '../../context';
import type { Handlers } from '../dispatch';
import { eventsHandlers } from './events';
import { systemHandlers } from './system';
import { troubleshootHandlers } from './troubleshoot';
import { trendsHandlers } from './trends';

/** Binds every contract method to the engine, once. Each area adds its handlers here. */
export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...systemHandlers(ctx),
    ...eventsHandlers(ctx),
    ...troubleshootHandlers(ctx),
    ...trendsHandlers(ctx),
  };
}
