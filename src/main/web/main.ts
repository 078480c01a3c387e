/**
 * Entry of the web shell (`npm start` without the Electron binary): opens the data
 * directory, serves the built renderer and the API on 127.0.0.1, prints the URL.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApi } from '../api';
import { openContext } from '../context';
import { startBackgroundWork } from '../background';
import { startDemo } from '../demo/on-start';
import { writeLaunchFile, type LaunchFile } from './launch-file';
import { startWebShell } from './server';

export interface WebShellRunOptions {
  /** Opens a file or URL in the user's browser (the `open` package); tests pass their own. */
  openBrowser?: (target: string) => Promise<unknown>;
}

export async function runWebShell(argv: string[], runOptions: WebShellRunOptions = {}): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      demo: { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
      'no-open': { type: 'boolean', default: false },
    },
    strict: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got "${values.port}"`);
  const ctx = await openContext({ shell: 'web' });
  const demo = values.demo ? await startDemo(ctx) : null;
  if (demo?.loaded) console.log(`Loaded demo data: ${demo.loaded.users} users, ${demo.loaded.events} events.`);
  if (values.demo && !demo?.signIn) console.log('--demo: this console holds other data; no demo sign-in was made.');
  const stopBackground = startBackgroundWork(ctx);
  const wantsBrowser = !values['no-open'] && !process.env.CI && process.env.MFA_CONSOLE_NO_BROWSER !== '1';
  let launch: LaunchFile | null = null;
  const shell = await startWebShell({
    api: createApi(ctx),
    rendererDir: join(__dirname, '../renderer'),
    port,
    onTokenUsed: () => launch?.remove(),
    uploadDir: join(ctx.dataDir, 'uploads'),
  });
  console.log(`MFA Support Console (web shell) is serving ${ctx.database.display}`);
  // The URL alone on its line, so a terminal selects (or a script reads) exactly it.
  console.log('Open this address in a browser:');
  console.log(shell.launchUrl);
  if (demo?.signIn) {
    // Once, on a line of its own: the password is fresh on every demo start.
    console.log('Sign in to the demo with:');
    console.log(`${demo.signIn.email} ${demo.signIn.password}`);
  }
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    launch?.remove();
    await shell.close();
    await stopBackground();
    await ctx.close();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (wantsBrowser) {
    // The browser is given a private file that forwards to the console, never the URL itself: a
    // command line is readable by every user of the machine.
    launch = writeLaunchFile(ctx.dataDir, shell.launchUrl);
    const openBrowser = runOptions.openBrowser ?? (async (target: string) => (await import('open')).default(target));
    await openBrowser(launch.path).catch(() => console.log('No browser could be opened: open the URL above yourself.'));
  }
}

if (require.main === module) {
  runWebShell(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`mfa-console web shell: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
