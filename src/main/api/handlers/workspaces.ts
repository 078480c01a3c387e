import { resolve } from 'node:path';
import type { ImportDetection, ImportSourceRow, WorkspaceStatus } from '../../../shared/contract';
import { openDb, type AppContext } from '../../context';
import { DomainError } from '../../core/domain-error';
import { FORMATS, readImportFile } from '../../import';
import { importJobs, startImport } from '../../workspaces/importing';
import { loadDetectorSettings } from '../../incidents/settings';
import { actorOf } from '../call-context';
import type { Handlers } from '../dispatch';
import { workspaceReadOnlyReason } from '../workspace-guard';

type WorkspaceHandlers = Pick<
  Handlers,
  | 'workspaceStatus'
  | 'workspaceCreate'
  | 'workspaceOpen'
  | 'workspaceClose'
  | 'importFormats'
  | 'importChooseFiles'
  | 'importDetect'
  | 'importStart'
  | 'importStatus'
  | 'importCancel'
  | 'importSources'
>;

/**
 * Paths the desktop app's dialogs gave (or the recent list holds): there, the page cannot name a file
 * of its own choosing, as with exports (export-grants.ts). The web shell and the CLI take typed paths.
 */
const granted = new WeakMap<AppContext, Set<string>>();

export function grant(ctx: AppContext, paths: string[]): void {
  const set = granted.get(ctx) ?? new Set<string>();
  for (const path of paths) set.add(resolve(path));
  granted.set(ctx, set);
}

function claim(ctx: AppContext, path: string, what: string): void {
  const hasDialog = ctx.services.chooseWorkspacePath || ctx.services.chooseImportFiles;
  if (!hasDialog) return;
  const full = resolve(path);
  if (granted.get(ctx)?.has(full) || ctx.workspaces.recent().some((w) => w.path === full)) return;
  throw new DomainError(
    'WORKSPACE_PATH_NOT_CHOSEN',
    `path: ${what} ${full} was not chosen in the file dialog; choose it there (or drop it on the window).`,
  );
}

async function status(ctx: AppContext): Promise<WorkspaceStatus> {
  const open = ctx.workspaces.current;
  let info: WorkspaceStatus['open'] = null;
  if (open) {
    const [row] = await open.db.query<{ events: number; sources: number; first: number | null; last: number | null }>(
      `SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM import_sources) AS sources,
         (SELECT MIN(occurred_at) FROM events) AS first, (SELECT MAX(occurred_at) FROM events) AS last`,
    );
    info = {
      path: open.path,
      name: open.name,
      openedAt: open.openedAt,
      events: Number(row.events),
      sources: Number(row.sources),
      firstEventAt: row.first === null ? null : Number(row.first),
      lastEventAt: row.last === null ? null : Number(row.last),
    };
  }
  return {
    open: info,
    recent: ctx.workspaces.recent(),
    canChoose: Boolean(ctx.services.chooseWorkspacePath),
    readOnlyReason: workspaceReadOnlyReason(ctx),
  };
}

async function choosePath(ctx: AppContext, given: string | undefined, mode: 'open' | 'create') {
  if (given) {
    if (mode === 'open') claim(ctx, given, 'the workspace');
    else if (ctx.services.chooseWorkspacePath) claim(ctx, given, 'the workspace');
    return given;
  }
  const chosen = (await ctx.services.chooseWorkspacePath?.(mode)) ?? null;
  if (chosen) grant(ctx, [chosen]);
  if (!chosen && !ctx.services.chooseWorkspacePath) {
    throw new DomainError('INVALID_INPUT', 'path: give the path of the workspace file.');
  }
  return chosen;
}

interface SourceDbRow {
  id: number;
  file_name: string;
  size: number;
  sha256: string;
  format: string;
  timezone: string | null;
  records: number;
  imported: number;
  duplicates: number;
  rejected: number;
  ignored: number;
  rejection_report: string | null;
  imported_at: number;
  operator: string | null;
}

export function workspaceHandlers(ctx: AppContext): WorkspaceHandlers {
  return {
    workspaceStatus: () => status(ctx),
    async workspaceCreate(input) {
      const path = await choosePath(ctx, input.path, 'create');
      if (path) await ctx.workspaces.create(path);
      return status(ctx);
    },
    async workspaceOpen(input) {
      const path = await choosePath(ctx, input.path, 'open');
      if (path) await ctx.workspaces.open(path);
      return status(ctx);
    },
    async workspaceClose() {
      await ctx.workspaces.close();
      return status(ctx);
    },
    importFormats: async () =>
      FORMATS.map((f) => ({ id: f.id, label: f.label, needsTimezone: f.needsTimezone === true })),
    async importChooseFiles() {
      const choose = ctx.services.chooseImportFiles;
      if (!choose) return { paths: null, canChoose: false };
      const paths = await choose();
      if (paths) grant(ctx, paths);
      return { paths, canChoose: true };
    },
    async importDetect(input) {
      const out: ImportDetection[] = [];
      for (const file of input.files) {
        claim(ctx, file.path, 'the file');
        const name = file.name ?? file.path.split(/[\\/]/).pop() ?? file.path;
        try {
          const reader = await readImportFile(file.path, { timezone: 'UTC' });
          out.push({
            path: file.path,
            file: name,
            size: reader.size,
            format: reader.format.id,
            label: reader.format.label,
            needsTimezone: reader.format.needsTimezone === true,
            error: null,
          });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          out.push({
            path: file.path,
            file: name,
            size: 0,
            format: null,
            label: null,
            needsTimezone: false,
            error: { code: error.code, message: error.message },
          });
        }
      }
      return out;
    },
    async importStart(input, call) {
      for (const file of input.files) claim(ctx, file.path, 'the file');
      // The detector runs over the workspace once it commits, with the live database's parameters.
      const { id } = startImport(ctx.workspaces, ctx.clock, input, actorOf(call), undefined, () =>
        ctx.db.read(loadDetectorSettings),
      );
      return importJobs(ctx.workspaces).status(id);
    },
    importStatus: async (input) => importJobs(ctx.workspaces).status(input.id),
    importCancel: async (input) => importJobs(ctx.workspaces).cancel(input.id),
    async importSources() {
      const rows = await openDb(ctx).query<SourceDbRow>('SELECT * FROM import_sources ORDER BY id DESC');
      return rows.map((r): ImportSourceRow => ({
        id: r.id,
        fileName: r.file_name,
        size: Number(r.size),
        sha256: r.sha256,
        format: r.format,
        timezone: r.timezone,
        records: Number(r.records),
        imported: Number(r.imported),
        duplicates: Number(r.duplicates),
        rejected: Number(r.rejected),
        ignored: Number(r.ignored),
        rejectionReport: r.rejection_report,
        importedAt: Number(r.imported_at),
        operator: r.operator,
      }));
    },
  };
}
