import { DomainError } from '../core/domain-error';
import type { Clock } from '../core/clock';
import { ImportJobs, type ImportJobStatus } from '../import/pipeline/jobs';
import type { ImportFileInput } from '../import/pipeline/types';
import { detectInWorkspace } from '../incidents/workspace';
import type { DetectorSettings } from '../../shared/incident-settings';
import type { Workspaces } from './workspaces';

export interface StartImport {
  files: ImportFileInput[];
  format?: string;
  timezone?: string;
  skipInvalid?: boolean;
}

/** Where the rejection reports of a workspace's imports go: a folder beside its file. */
export const rejectionDirOf = (workspacePath: string) => `${workspacePath}.rejections`;

/** One ImportJobs per Workspaces holder, so every shell's handlers see the same running imports. */
const jobsOf = new WeakMap<Workspaces, ImportJobs>();

export function importJobs(workspaces: Workspaces): ImportJobs {
  let jobs = jobsOf.get(workspaces);
  if (!jobs) {
    jobs = new ImportJobs();
    jobsOf.set(workspaces, jobs);
  }
  return jobs;
}

/**
 * Starts an import into the open workspace; never into the live database. Once it commits, the
 * incident detector runs over the workspace (with `detectorSettings`, the live database's
 * parameters, when the caller has them; the command line, which never opens the live database,
 * runs with the workspace's own, the documented defaults).
 */
export function startImport(
  workspaces: Workspaces,
  clock: Clock,
  input: StartImport,
  operator: string | null,
  watch?: (status: ImportJobStatus) => void,
  detectorSettings?: () => Promise<DetectorSettings>,
) {
  const open = workspaces.current;
  if (!open) {
    throw new DomainError(
      'WORKSPACE_REQUIRED',
      'Imports go into a workspace, never into the live database: create or open a workspace first.',
    );
  }
  return importJobs(workspaces).start(
    {
      dbPath: open.path,
      files: input.files,
      format: input.format,
      timezone: input.timezone,
      skipInvalid: input.skipInvalid,
      operator,
      now: clock.now(),
      rejectionDir: rejectionDirOf(open.path),
    },
    watch,
    async () => {
      const since = Date.now();
      const run = await detectInWorkspace(open.db, detectorSettings ? await detectorSettings() : undefined);
      // MFA_CONSOLE_IMPORT_TIMINGS=1: the detector's share beside the import's steps (run-import.ts).
      if (process.env.MFA_CONSOLE_IMPORT_TIMINGS === '1')
        process.stderr.write(
          `import incident detector: ${Date.now() - since} ms (${run.keys} keys, ${run.hours} hours)\n`,
        );
      return `Incident detector: ${run.total} incident${run.total === 1 ? '' : 's'} in the imported events.`;
    },
  );
}
