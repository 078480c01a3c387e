import { z } from 'zod';
import { method } from './define';

export interface ExportPathChoice {
  /** The file the operator chose in the save dialog; null when cancelled or when the shell has no dialog. */
  path: string | null;
  /** False in the web shell and the CLI: the operator types the path, starting from `suggested`. */
  canChoose: boolean;
  /** A file in the console's exports folder (created if missing), named after the filters and the date. */
  suggested: string;
}

/** Where an export is written: the desktop app asks with a save dialog, other shells suggest a path. */
export const exportPathMethods = {
  exportChoosePath: method<ExportPathChoice>()(
    z
      .object({
        /** A file name only (no folders), e.g. mfa-errors-account_lock-2026-11-22.csv. */
        suggestedName: z.string().trim().min(1, { message: 'must not be empty' }).max(200),
      })
      .strict(),
  ),
};
