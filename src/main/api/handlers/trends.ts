import { openDb, type AppContext } from '../../context';
import { trends } from '../../trends/queries';
import type { Handlers } from '../dispatch';

export function trendsHandlers(ctx: AppContext): Pick<Handlers, 'trends'> {
  return {
    trends: (input) => trends(openDb(ctx), input.from, input.to, input.carrierLimit),
  };
}
