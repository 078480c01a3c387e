import type { AppContext } from '../../context';
import { trends } from '../../trends/queries';
import type { Handlers } from '../dispatch';

export function trendsHandlers(ctx: AppContext): Pick<Handlers, 'trends'> {
  return {
    trends: (input) => trends(ctx.db, input.from, input.to, input.carrierLimit),
  };
}
