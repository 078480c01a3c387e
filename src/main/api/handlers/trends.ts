import { openDb, type AppContext } from '../../context';
import { rawRunner } from '../../events/raw-runner';
import { trends } from '../../trends/queries';
import { stats, trendViews } from '../../trends/stats';
import type { Handlers } from '../dispatch';

export function trendsHandlers(ctx: AppContext): Pick<Handlers, 'trends' | 'stats' | 'trendViews'> {
  return {
    trends: (input) => trends(openDb(ctx), input.from, input.to, input.carrierLimit),
    stats: (input) => openDb(ctx).read((m) => stats(rawRunner(m), input)),
    trendViews: (input) => openDb(ctx).read((m) => trendViews(rawRunner(m), input)),
  };
}
