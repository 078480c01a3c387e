import type { Result } from '../../shared/result';

export interface OutputOptions {
  json?: boolean;
}

/**
 * Prints a result the way every command does: under --json the envelope itself
 * (`{ok:true,value}` or `{ok:false,error:{code,message}}`), otherwise the human text
 * on stdout or a one-line error on stderr. Returns the exit code.
 */
export function printResult<T>(result: Result<T>, options: OutputOptions, human: (value: T) => string): number {
  if (options.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return result.ok ? 0 : 1;
  }
  if (result.ok) {
    const text = human(result.value);
    if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    return 0;
  }
  process.stderr.write(`mfa-console: ${result.error.code}: ${result.error.message}\n`);
  return 1;
}

/** Aligned "label: value" lines for human output. */
export function table(rows: [string, unknown][]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value ?? '-'}`).join('\n');
}
