import { openDb, type AppContext } from '../../context';
import type { Database } from '../../db/database';
import { eventDetail } from '../../events/detail';
import { EventExporter } from '../../events/export';
import { ExportJournal, exportJournalDir } from '../../events/export-journal';
import { eventFacets } from '../../events/facets';
import { countEvents, queryEvents } from '../../events/query';
import { deleteSavedFilter, listSavedFilters, saveFilter } from '../../events/saved-filters';
import { requireOperator } from '../../users/operators';
import { actorOf } from '../call-context';
import type { Handlers } from '../dispatch';
import { requireFreshPassword } from '../reauth';
import { DomainError } from '../../core/domain-error';
import { claimExportPath } from './export-grants';

type EventsHandlers = Pick<
  Handlers,
  | 'eventsQuery'
  | 'eventsCount'
  | 'eventDetail'
  | 'eventsFacets'
  | 'savedFiltersList'
  | 'savedFilterSave'
  | 'savedFilterDelete'
  | 'exportStart'
  | 'exportStatus'
  | 'exportCancel'
>;

/** One exporter per database, so every shell's handlers see the same running exports of it. */
const exporters = new WeakMap<Database, EventExporter>();

/** The exporter of the open database (a workspace's, or the live one). */
export function exporterFor(ctx: AppContext): EventExporter {
  const db = openDb(ctx);
  let exporter = exporters.get(db);
  if (!exporter) {
    exporter = new EventExporter(db, ctx.clock, new ExportJournal(exportJournalDir(ctx.dataDir)));
    exporters.set(db, exporter);
  }
  return exporter;
}

export function eventsHandlers(ctx: AppContext): EventsHandlers {
  return {
    eventsQuery: (input) => queryEvents(openDb(ctx), input),
    eventsCount: (input) => countEvents(openDb(ctx), input.filters),
    eventDetail: (input) => eventDetail(openDb(ctx), input.id),
    eventsFacets: () => eventFacets(openDb(ctx)),
    savedFiltersList: () => listSavedFilters(openDb(ctx)),
    savedFilterSave: (input) => saveFilter(openDb(ctx), ctx.clock, input),
    savedFilterDelete: (input) => deleteSavedFilter(openDb(ctx), input.name),
    exportStart: async (input, call) => {
      claimExportPath(ctx, input.path);
      // Full phone numbers leaving the console are audited under the signed-in operator's name.
      const actor = actorOf(call);
      if (!input.unmasked) return exporterFor(ctx).start({ ...input, actor });
      await ctx.db.read((manager) => requireOperator(manager, actor, 'export full phone numbers', true));
      requireFreshPassword(ctx, call, 'export full phone numbers');
      if (input.approvalId === undefined) {
        // Filters that cannot run are refused before anything is filed; the count tells the approver what leaves.
        const total = (await countEvents(ctx.db, input.filters)).value;
        // A two-person action: the request is filed (committed), and the answer says so.
        const request = await ctx.engine.requestUnmaskedExport({
          actor,
          filters: input.filters,
          format: input.format,
          reason: input.reason ?? '',
          total,
        });
        throw new DomainError(
          'APPROVAL_REQUIRED',
          `An unmasked export needs another administrator's approval: request #${request.id} is filed (Approvals page). Once approved, export again with the same filters and approvalId ${request.id}.`,
          { requestId: request.id },
        );
      }
      const approval = await ctx.engine.approvedExport({ actor, approvalId: input.approvalId, filters: input.filters });
      const started = await exporterFor(ctx).start({ ...input, actor });
      await approval.use();
      return started;
    },
    exportStatus: async (input) => exporterFor(ctx).status(input.id),
    exportCancel: (input) => exporterFor(ctx).cancel(input.id),
  };
}
