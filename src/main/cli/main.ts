import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../version';
import { registerEventCommands } from './commands/events';
import { registerPolicyCommands } from './commands/policy';
import { registerProviderCommands } from './commands/provider';
import { registerSystemCommands } from './commands/system';
import { registerUserCommands } from './commands/users';
import { registerVerifyCommands } from './commands/verify';

/** `mfa-console`: the same engine and data directory as the app, from a terminal. */
export async function runCli(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('mfa-console')
    .description('MFA Support Console: the helpdesk engine from a terminal')
    .version(APP_VERSION)
    .exitOverride()
    .showHelpAfterError();
  registerSystemCommands(program, setExit);
  registerUserCommands(program, setExit);
  registerVerifyCommands(program, setExit);
  registerPolicyCommands(program, setExit);
  registerProviderCommands(program, setExit);
  registerEventCommands(program, setExit);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const wantsJson = argv.includes('--json');
    const message = error instanceof Error ? error.message : String(error);
    if (wantsJson) {
      process.stdout.write(JSON.stringify({ ok: false, error: { code: 'INTERNAL', message } }) + '\n');
    } else {
      process.stderr.write(`mfa-console: ${message.split('\n')[0]}\n`);
    }
    return 1;
  }
  return exitCode;
}
