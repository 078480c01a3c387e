import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'bin/mfa-console.cjs');
const WEB = join(ROOT, 'out/main/web.js');

export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mfa-console` as its own process (the built bundle), as a user's terminal would. */
export function runCliProcess(args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}

export interface WebShellProcess {
  url: string;
  token: string;
  child: ChildProcess;
  /** POST /api/<method> with the token; answers the envelope. */
  call<T = unknown>(method: string, input: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/** Starts the built web shell as its own process on a free port over `dataDir`. */
export async function startWebShellProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<WebShellProcess> {
  const child = spawn(process.execPath, [WEB, '--no-open', '--port', '0'], {
    env: { ...process.env, MFA_CONSOLE_DATA_DIR: dataDir, MFA_CONSOLE_NO_BROWSER: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const launchUrl = await new Promise<string>((resolvePromise, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\r?\n/m.exec(output);
      if (match) resolvePromise(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`web shell exited with ${code}: ${output}`)));
  });
  const url = launchUrl.slice(0, launchUrl.indexOf('/?token='));
  const token = decodeURIComponent(launchUrl.slice(launchUrl.indexOf('token=') + 'token='.length));
  return {
    url,
    token,
    child,
    async call<T>(method: string, input: unknown) {
      const response = await fetch(`${url}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
