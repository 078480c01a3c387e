import { relative, resolve, isAbsolute, join } from 'node:path';
import type { AppContext } from '../../context';
import { DomainError } from '../../core/domain-error';

/**
 * In the desktop app the operator picks an export's file in the native save dialog. The renderer
 * only carries that answer back, so the main process remembers what the dialog granted and an
 * export may write there (once) or inside the data folder's exports folder, nowhere else: a
 * compromised renderer cannot overwrite an arbitrary file. The web shell and the command line have
 * no dialog; there the operator types the path, as the same OS user the console runs as.
 */
const grants = new WeakMap<AppContext, Set<string>>();

export function grantExportPath(ctx: AppContext, path: string): void {
  let granted = grants.get(ctx);
  if (!granted) {
    granted = new Set();
    grants.set(ctx, granted);
  }
  granted.add(resolve(path));
}

function insideExportsFolder(ctx: AppContext, path: string): boolean {
  const rel = relative(join(ctx.dataDir, 'exports'), path);
  return rel.length > 0 && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Refuses, in the desktop app, a path the save dialog did not give; uses up the grant. */
export function claimExportPath(ctx: AppContext, path: string): void {
  if (!ctx.services.chooseSavePath) return;
  const target = resolve(path);
  if (grants.get(ctx)?.delete(target)) return;
  if (insideExportsFolder(ctx, target)) return;
  throw new DomainError(
    'EXPORT_PATH_NOT_CHOSEN',
    `path: ${target} was not chosen in the save dialog; choose where to save the export again.`,
  );
}
