import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../../context';
import type { Handlers } from '../dispatch';
import { grantExportPath } from './export-grants';

type ExportPathHandlers = Pick<Handlers, 'exportChoosePath'>;

/**
 * A file name the renderer proposes may carry anything an operator typed into a filter;
 * keep letters, digits and a few separators so it can never name another folder.
 */
export function safeExportName(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+/, '')
    .slice(0, 120);
  return cleaned.length > 0 ? cleaned : 'mfa-events';
}

export function exportPathHandlers(ctx: AppContext): ExportPathHandlers {
  return {
    async exportChoosePath(input) {
      const name = safeExportName(input.suggestedName);
      const folder = join(ctx.dataDir, 'exports');
      // The export refuses a missing folder, so the suggestion must point at one that exists.
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const suggested = join(folder, name);
      const choose = ctx.services.chooseSavePath;
      if (!choose) return { path: null, canChoose: false, suggested };
      const chosen = await choose(name);
      if (chosen) grantExportPath(ctx, chosen);
      return { path: chosen, canChoose: true, suggested };
    },
  };
}
