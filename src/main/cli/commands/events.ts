import type { Command } from 'commander';
import { setTimeout as delay } from 'node:timers/promises';
import type { Api } from '../../api';
import type {
  EventDetailValue,
  EventFacets,
  EventFilters,
  EventPage,
  EventSort,
  EventTotal,
  ExportStatus,
} from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { printResult, table } from '../output';
import { withApi, type DbOptions } from '../session';

interface FilterOptions extends DbOptions {
  search?: string;
  from?: string;
  to?: string;
  tz?: string;
  type?: string[];
  user?: string;
  role?: string;
  carrier?: string;
  country?: string;
  code?: string;
  starred?: boolean;
  tag?: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function withFilterOptions(command: Command): Command {
  return command
    .option('--search <text>', 'user name, email, phone digits or message text')
    .option('--from <date>', 'first day (YYYY-MM-DD, inclusive) or an ISO-8601 time')
    .option('--to <date>', 'last day (YYYY-MM-DD, inclusive: the whole day) or an ISO-8601 time')
    .option('--tz <zone>', 'time zone for --from/--to days: IANA name or offset like +05:30 (default UTC)')
    .option('--type <id>', 'event type id, e.g. account_lock (repeatable)', collect)
    .option('--user <id|email>', 'one user, by id or email')
    .option('--role <role>', 'administrator, employee or technician')
    .option('--carrier <name>', 'mobile network, as the facets spell it')
    .option('--country <cc>', 'two-letter country code')
    .option('--code <code>', 'provider error code, e.g. 30007 or 500')
    .option('--starred', 'only events an investigator starred')
    .option('--tag <tag>', 'events carrying this tag (repeatable: any of them)', collect)
    .option('--db <path>', 'database file (default: the data directory)')
    .option('--json', 'print JSON');
}

function filtersFrom(options: FilterOptions): EventFilters {
  const filters: EventFilters = {};
  if (options.search !== undefined) filters.search = options.search;
  if (options.from !== undefined) filters.from = options.from;
  if (options.to !== undefined) filters.to = options.to;
  if (options.tz !== undefined) filters.timeZone = options.tz;
  if (options.type?.length) filters.types = options.type as EventFilters['types'];
  if (options.user !== undefined) filters.user = options.user;
  if (options.role !== undefined) filters.role = options.role as EventFilters['role'];
  if (options.carrier !== undefined) filters.carrier = options.carrier;
  if (options.country !== undefined) filters.country = options.country;
  if (options.code !== undefined) filters.code = options.code;
  if (options.starred) filters.starred = true;
  if (options.tag?.length) filters.tags = options.tag;
  return filters;
}

/**
 * The filters, with a carrier typed in any case ("three uk") spelled as the log spells it,
 * so a terminal user need not match capitals. The API itself matches carriers exactly.
 */
async function filtersFor(api: Api, options: FilterOptions): Promise<EventFilters> {
  const filters = filtersFrom(options);
  if (filters.carrier) {
    const facets = await api.call('eventsFacets', {});
    if (facets.ok) {
      const wanted = filters.carrier.toLowerCase();
      const match = (facets.value as EventFacets).carriers.find((c) => c.value.toLowerCase() === wanted);
      if (match) filters.carrier = match.value;
    }
  }
  return filters;
}

function parseSort(text: string | undefined): EventSort | undefined {
  if (!text) return undefined;
  const [field, direction = 'desc'] = text.split(':');
  return { field, direction } as EventSort;
}

function describeTotal(total: EventTotal | null): string {
  if (!total) return '';
  return total.exact ? `${total.value}` : `about ${total.value} (estimate)`;
}

function describePage(page: EventPage): string {
  if (page.rows.length === 0) return 'No records available for these filters.';
  const lines = page.rows.map((r) =>
    [r.occurredAtIso, r.typeLabel.padEnd(22), (r.userEmail ?? '-').padEnd(32), r.carrier ?? '-', r.providerCode ?? '']
      .join('  ')
      .trimEnd(),
  );
  if (page.total) lines.push(`Total: ${describeTotal(page.total)}`);
  if (page.nextCursor) lines.push(`Next page: --after ${page.nextCursor}`);
  return lines.join('\n');
}

export function registerEventCommands(program: Command, setExit: (code: number) => void): void {
  const events = program.command('events').description('the MFA error log: query, count and export');

  withFilterOptions(events.command('query').description('one page of events, newest first'))
    .option('--limit <n>', 'rows per page (1-1000, default 100)', (v) => Number(v))
    .option('--after <cursor>', 'the cursor printed by the previous page')
    .option('--sort <field[:dir]>', 'occurredAt, type, carrier, country or providerCode; asc or desc')
    .action(async (options: FilterOptions & { limit?: number; after?: string; sort?: string }) => {
      const result = await withApi(options, async (api) =>
        api.call('eventsQuery', {
          filters: await filtersFor(api, options),
          limit: options.limit,
          after: options.after,
          sort: parseSort(options.sort),
        }),
      );
      setExit(printResult(result as Result<EventPage>, options, describePage));
    });

  withFilterOptions(events.command('count').description('the exact number of matching events')).action(
    async (options: FilterOptions) => {
      const result = await withApi(options, async (api) =>
        api.call('eventsCount', { filters: await filtersFor(api, options) }),
      );
      setExit(printResult(result as Result<EventTotal>, options, (t) => `${t.value} events`));
    },
  );

  events
    .command('show <id>')
    .description('everything recorded about one event, and what to do about it')
    .option('--db <path>', 'database file (default: the data directory)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: DbOptions) => {
      const result = await withApi(options, (api) => api.call('eventDetail', { id: Number(id) }));
      setExit(
        printResult(result as Result<EventDetailValue>, options, (d) =>
          table([
            ['Event', `${d.event.id} ${d.catalog.label}`],
            ['Time (UTC)', d.event.occurredAtIso],
            ['User', `${d.event.userName ?? '-'} <${d.event.userEmail ?? '-'}> (${d.event.userRole ?? '-'})`],
            ['Phone', d.event.phoneMasked],
            ['Network', `${d.event.carrier ?? '-'} (${d.event.country ?? '-'})`],
            ['Message', d.event.message],
            ['User saw', d.catalog.userMessage],
            ['Helpdesk', d.catalog.helpdeskAction],
            [
              'Provider code',
              d.providerCode ? `${d.providerCode.code}: ${d.providerCode.meaning}` : d.event.providerCode,
            ],
            ['What to do', d.providerCode?.helpdeskAction],
            ['Actor', d.event.actor],
            ['Reason', d.event.reason],
            ['Starred', d.annotation.starred ? 'yes' : 'no'],
            ['Tags', d.annotation.tags.join(', ') || '-'],
            ['Note', d.annotation.note],
          ]),
        ),
      );
    });

  withFilterOptions(events.command('export').description('write exactly the filtered events to a file'))
    .requiredOption('--format <format>', 'csv, csv-excel (UTF-8 with a byte-order mark, for Excel) or ndjson')
    .requiredOption('--out <file>', 'file to write (written beside it first, renamed when complete)')
    .option('--unmasked', 'full phone numbers (recorded in the audit log; needs --reason)')
    .option('--reason <text>', 'why full phone numbers are needed')
    .option('--overwrite', 'replace the file if it exists')
    .option('--sort <field[:dir]>', 'as for query')
    .action(
      async (
        options: FilterOptions & {
          format: string;
          out: string;
          unmasked?: boolean;
          reason?: string;
          overwrite?: boolean;
          sort?: string;
        },
      ) => {
        const result = await withApi(options, async (api) => {
          const started = await api.call('exportStart', {
            filters: await filtersFor(api, options),
            sort: parseSort(options.sort),
            format: options.format,
            path: options.out,
            unmasked: options.unmasked,
            reason: options.reason,
            overwrite: options.overwrite,
          });
          if (!started.ok) return started;
          const { id } = started.value as { id: string };
          const progress = process.stderr.isTTY && !options.json;
          for (;;) {
            const status = await api.call('exportStatus', { id });
            if (!status.ok) return status;
            const value = status.value as ExportStatus;
            if (progress) process.stderr.write(`\rExporting: ${value.rowsWritten} of ${value.total} rows`);
            if (value.state !== 'running') {
              if (progress) process.stderr.write('\n');
              if (value.state === 'done') return status;
              return {
                ok: false as const,
                error: { code: 'EXPORT_FAILED', message: value.error ?? `export ${value.state}` },
              };
            }
            await delay(100);
          }
        });
        setExit(
          printResult(result as Result<ExportStatus>, options, (s) => `Wrote ${s.rowsWritten} events to ${s.path}.`),
        );
      },
    );

  program
    .command('seed')
    .description('fill the console with realistic, reproducible demo users and events')
    .option('--users <n>', 'number of users (default 200)', (v) => Number(v))
    .option('--events <n>', 'number of events (default 20000)', (v) => Number(v))
    .option('--seed <n>', 'random seed: the same seed gives the same data (default 42)', (v) => Number(v))
    .option('--db <path>', 'database file (default: the data directory)')
    .option('--json', 'print JSON')
    .action(async (options: DbOptions & { users?: number; events?: number; seed?: number }) => {
      const result = await withApi(options, (api) =>
        api.call('loadDemoData', { users: options.users, events: options.events, seed: options.seed }),
      );
      setExit(
        printResult(
          result as Result<{ users: number; events: number; incidents?: { scenario: string }[] }>,
          options,
          (v) =>
            `Added ${v.users} users and ${v.events} events` +
            (v.incidents?.length
              ? `, with ${v.incidents.length} injected incident scenarios (--json lists them).`
              : '.'),
        ),
      );
    });
}
