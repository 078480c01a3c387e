import type { Command } from 'commander';
import type {
  CodeSentValue,
  OperatorSignInStep,
  OperatorSignedIn,
  OperatorSummary,
  SessionStatus,
} from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { printResult } from '../output';
import { withApi, type CliApi, type DbOptions } from '../session';
import { interactive, prompt, readStdinLine } from '../stdin';
import { printInvalid, when, withDbOptions, type SetExit } from './mfa-call';

/**
 * The password: from standard input (--password-stdin), from MFA_CONSOLE_PASSWORD (readable by this
 * OS user only, unlike an argument on the command line), or asked on the terminal without echo.
 */
async function password(options: { passwordStdin?: boolean }, question: string): Promise<string | null> {
  if (options.passwordStdin) return (await readStdinLine()).replace(/\r$/, '');
  if (process.env.MFA_CONSOLE_PASSWORD) return process.env.MFA_CONSOLE_PASSWORD;
  if (interactive()) return prompt(question, true);
  return null;
}

const describeOperator = (o: OperatorSummary) => `${o.name} <${o.email}> (${o.role})`;

function describeSignedIn(v: OperatorSignedIn): string {
  const lines = [`Signed in as ${describeOperator(v.operator)} until ${when(v.expiresAt)}.`];
  if (v.recoveryCodes) {
    lines.push(
      '',
      'Your recovery codes, shown only now. Save them in order somewhere safe: each signs you in once if you lose your phone.',
      ...v.recoveryCodes.map((c, i) => `${String(i + 1).padStart(2)}. ${c}`),
    );
  }
  return lines.join('\n');
}

/** Finishes a sign-in with the code (or a backup code) and keeps the session for this terminal. */
async function finish(
  api: CliApi,
  pendingToken: string,
  email: string,
  second: { code?: string; backupCode?: string; rememberDevice?: boolean },
): Promise<Result<OperatorSignedIn>> {
  const { result, issued } = await api.invoke('operatorSignInVerify', { pendingToken, ...second });
  if (issued.session)
    api.sessions.saveSession({ token: issued.session.token, email, expiresAt: issued.session.expiresAt });
  if (result.ok) api.sessions.savePending(null);
  return result as Result<OperatorSignedIn>;
}

interface LoginOptions extends DbOptions {
  email?: string;
  passwordStdin?: boolean;
  code?: string;
  backupCode?: string;
  rememberDevice?: boolean;
  newPasswordStdin?: boolean;
}

export function registerOperatorCommands(program: Command, setExit: SetExit): void {
  withDbOptions(
    program
      .command('login')
      .description('sign in as an operator: password, then the code sent to your phone (or a backup code)')
      .option('--email <email>', 'your email')
      .option('--password-stdin', 'read the password from the first line of standard input')
      .option('--code <code>', 'finish a sign-in started earlier with the code from the SMS')
      .option('--backup-code <code>', 'finish it with one of your backup codes instead')
      .option('--remember-device', 'remember this terminal: no code here for 30 days'),
  ).action(async (options: LoginOptions) => {
    await withApi(options, async (api) => {
      const second = { code: options.code, backupCode: options.backupCode, rememberDevice: options.rememberDevice };
      const pending = api.sessions.pending();
      if ((options.code || options.backupCode) && !options.email) {
        if (!pending)
          return printInvalid(
            options,
            setExit,
            'No sign-in is waiting for a code: run mfa-console login --email first.',
          );
        return setExit(printResult(await finish(api, pending.token, pending.email, second), options, describeSignedIn));
      }
      if (!options.email) return printInvalid(options, setExit, '--email: give the email you sign in with.');
      const secret = await password(options, 'Password: ');
      if (secret === null) {
        return printInvalid(
          options,
          setExit,
          'Give the password on standard input with --password-stdin (or run in a terminal).',
        );
      }
      let { result, issued } = await api.invoke('operatorSignIn', { email: options.email, password: secret });
      if (!result.ok && result.error.code === 'PASSWORD_CHANGE_REQUIRED') {
        // A temporary password from an administrator: the operator chooses their own now.
        const next =
          process.env.MFA_CONSOLE_NEW_PASSWORD ||
          (interactive() ? await prompt('Choose your own password: ', true) : null);
        if (!next) {
          return printInvalid(
            options,
            setExit,
            `${result.error.message} Run mfa-console login in a terminal, or give it in MFA_CONSOLE_NEW_PASSWORD.`,
          );
        }
        ({ result, issued } = await api.invoke('operatorSignIn', {
          email: options.email,
          password: secret,
          newPassword: next,
        }));
      }
      if (!result.ok) return setExit(printResult(result, options, () => ''));
      const step = result.value as OperatorSignInStep;
      if (step.outcome === 'signed_in') {
        if (issued.session) {
          api.sessions.saveSession({
            token: issued.session.token,
            email: options.email,
            expiresAt: issued.session.expiresAt,
          });
        }
        return setExit(printResult(result as Result<OperatorSignedIn>, options, describeSignedIn));
      }
      api.sessions.savePending({ token: step.pendingToken, email: options.email });
      if (options.backupCode) {
        return setExit(
          printResult(await finish(api, step.pendingToken, options.email, second), options, describeSignedIn),
        );
      }
      if (!step.sms) {
        return printInvalid(
          options,
          setExit,
          'No phone can receive a code: finish with mfa-console login --backup-code CODE.',
        );
      }
      const sent = (await api.call('operatorSignInSendCode', {
        pendingToken: step.pendingToken,
      })) as Result<CodeSentValue>;
      if (!sent.ok) return setExit(printResult(sent, options, () => ''));
      if (options.code || !interactive()) {
        if (options.code) {
          return setExit(
            printResult(await finish(api, step.pendingToken, options.email, second), options, describeSignedIn),
          );
        }
        const value = sent.value as Extract<CodeSentValue, { outcome: 'code_sent' }>;
        return setExit(
          printResult(
            {
              ok: true,
              value: { outcome: 'second_factor', sentTo: value.maskedPhone, codeExpiresAt: value.codeExpiresAt },
            },
            options,
            (v) =>
              `Code sent to ${v.sentTo}. Finish with: mfa-console login --code CODE (before ${when(v.codeExpiresAt)}).`,
          ),
        );
      }
      const code = await prompt(`Code sent to ${(sent.value as { maskedPhone: string }).maskedPhone}: `);
      setExit(
        printResult(
          await finish(api, step.pendingToken, options.email, { ...second, code }),
          options,
          describeSignedIn,
        ),
      );
    });
  });

  withDbOptions(program.command('logout').description("end this terminal's operator session")).action(
    async (options: DbOptions) => {
      await withApi(options, async (api) => {
        const result = await api.call('signOut', {});
        api.sessions.saveSession(null);
        setExit(printResult(result, options, () => 'Signed out.'));
      });
    },
  );

  withDbOptions(program.command('whoami').description('the operator this terminal is signed in as')).action(
    async (options: DbOptions) => {
      await withApi(options, async (api) => {
        const result = (await api.call('sessionStatus', {})) as Result<SessionStatus>;
        setExit(
          printResult(result, options, (s) =>
            s.operator
              ? `${describeOperator(s.operator)}${s.locked ? ' (locked: run mfa-console login again)' : ''}, until ${when(s.expiresAt)}.`
              : s.setupNeeded
                ? 'No operator exists yet: run mfa-console operators bootstrap.'
                : 'Not signed in: run mfa-console login --email EMAIL.',
          ),
        );
      });
    },
  );

  const operators = program.command('operators').description('the console operators (administrators and technicians)');
  withDbOptions(
    operators
      .command('bootstrap')
      .description('create the first administrator of a console no one can sign in to yet')
      .requiredOption('--name <name>', 'full name')
      .requiredOption('--email <email>', 'email (the sign-in name)')
      .requiredOption('--phone <number>', 'mobile number for the second factor (E.164, or national with --country)')
      .option('--country <cc>', 'two-letter country for a national number')
      .option('--password-stdin', 'read the password from the first line of standard input'),
  ).action(
    async (
      options: DbOptions & { name: string; email: string; phone: string; country?: string; passwordStdin?: boolean },
    ) => {
      const secret = await password(options, 'Choose a password (12 characters or more): ');
      if (secret === null)
        return printInvalid(options, setExit, 'Give the password on standard input with --password-stdin.');
      await withApi(options, async (api) => {
        const result = (await api.call('operatorBootstrap', {
          name: options.name,
          email: options.email,
          phone: options.phone,
          country: options.country,
          password: secret,
        })) as Result<OperatorSummary>;
        setExit(
          printResult(
            result,
            options,
            (o) => `Created ${describeOperator(o)}. Sign in with: mfa-console login --email ${o.email}`,
          ),
        );
      });
    },
  );

  withDbOptions(
    operators
      .command('password')
      .description('change your own password (current, then new, from the terminal or two lines of standard input)')
      .option('--stdin', 'read the current and the new password from two lines of standard input'),
  ).action(async (options: DbOptions & { stdin?: boolean }) => {
    let current: string;
    let next: string;
    if (options.stdin) {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      [current, next] = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
    } else if (interactive()) {
      current = await prompt('Current password: ', true);
      next = await prompt('New password: ', true);
    } else return printInvalid(options, setExit, 'Give both passwords with --stdin (two lines).');
    await withApi(options, async (api) => {
      const result = await api.call('operatorChangePassword', { current, next: next ?? '' });
      setExit(printResult(result, options, () => 'Password changed; your other sessions ended.'));
    });
  });
}
