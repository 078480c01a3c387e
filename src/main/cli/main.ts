import { Command, CommanderError } from 'commander';
import { storageError } from '../db/storage-errors';
import { APP_VERSION } from '../version';
import { registerAnnotationCommands } from './commands/annotations';
import { registerApprovalCommands } from './commands/approvals';
import { registerEventCommands } from './commands/events';
import { registerImportCommands } from './commands/import';
import { registerIncidentCommands } from './commands/incidents';
import { registerOperatorCommands } from './commands/operators';
import { registerPolicyCommands } from './commands/policy';
import { registerProviderCommands } from './commands/provider';
import { registerSaferCommands } from './commands/safer';
import { registerStatsCommands } from './commands/stats';
import { registerDbCommands } from './commands/db-copy';
import { registerSystemCommands } from './commands/system';
import { registerUserCommands } from './commands/users';
import { registerVerifyCommands } from './commands/verify';

/** `mfa-console`: the same engine and data directory as the app, from a terminal. */
export async function runCli(argvWithDebug: string[]): Promise<number> {
  // --debug anywhere: stack traces of unexpected failures on stderr (otherwise one line).
  const debug = argvWithDebug.includes('--debug');
  const argv = argvWithDebug.filter((arg) => arg !== '--debug');
  if (debug) process.env.MFA_CONSOLE_DEBUG = '1';
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('mfa-console')
    .description('MFA Support Console: the helpdesk engine from a terminal')
    .version(APP_VERSION)
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', '\nAdd --debug to any command to print the stack trace of an unexpected failure.');
  registerSystemCommands(program, setExit);
  registerOperatorCommands(program, setExit);
  registerUserCommands(program, setExit);
  registerSaferCommands(program, setExit);
  registerVerifyCommands(program, setExit);
  registerPolicyCommands(program, setExit);
  registerProviderCommands(program, setExit);
  registerEventCommands(program, setExit);
  registerAnnotationCommands(program, setExit);
  registerImportCommands(program, setExit);
  registerIncidentCommands(program, setExit);
  registerStatsCommands(program, setExit);
  registerDbCommands(program, setExit);
  registerApprovalCommands(program, setExit);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const known = storageError(error);
    const code = known?.code ?? 'INTERNAL';
    const message = (known?.message ?? (error instanceof Error ? error.message : String(error))).split('\n')[0];
    if (debug && !known) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    if (argv.includes('--json')) {
      const details = known?.details ? { details: known.details } : {};
      process.stdout.write(JSON.stringify({ ok: false, error: { code, message, ...details } }) + '\n');
    } else {
      process.stderr.write(`mfa-console: ${known ? `${code}: ` : ''}${message}\n`);
    }
    return 1;
  }
  return exitCode;
}
