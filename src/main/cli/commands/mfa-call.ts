import type { Command } from 'commander';
import { fail, type Result } from '../../../shared/result';
import { printResult } from '../output';
import { withApi, type DbOptions } from '../session';

export type SetExit = (code: number) => void;

/** Calls one API method with the command's --db, prints the result (envelope under --json), sets the exit code. */
export async function callAndPrint<T>(
  options: DbOptions,
  setExit: SetExit,
  method: string,
  input: unknown,
  human: (value: T) => string,
): Promise<void> {
  const result = (await withApi(options, (api) => api.call(method, input))) as Result<T>;
  setExit(printResult(result, options, human));
}

/** A refusal found before the database is opened (a malformed option), printed like any other. */
export function printInvalid(options: DbOptions, setExit: SetExit, message: string): void {
  setExit(printResult(fail('INVALID_INPUT', message), options, () => ''));
}

export function withDbOptions(command: Command): Command {
  return command.option('--db <path>', 'database file (default: the data directory)').option('--json', 'print JSON');
}

/** "2026-11-22 10:14 UTC" for human output. */
export function when(ms: number | null | undefined): string {
  return ms ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '-';
}

/** --until and similar: an ISO-8601 time to unix ms, or null when it does not parse. */
export function parseIsoTime(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}
