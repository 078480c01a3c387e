import type { Command } from 'commander';
import type {
  BackupCodesValue,
  CallerCheckValue,
  CallerCodeSentValue,
  NotMyNumberValue,
  OutboxMessageView,
  SendCodeValue,
  SignedInValue,
} from '../../../shared/contract';
import type { DbOptions } from '../session';
import { callAndPrint, when, withDbOptions, type SetExit } from './mfa-call';

interface DeviceOptions extends DbOptions {
  remember?: boolean;
  deviceLabel?: string;
}

function describeSend(value: SendCodeValue): string {
  if (value.outcome === 'code_sent') {
    return `Code sent to ${value.maskedPhone}; valid until ${when(value.codeExpiresAt)}. Session ${value.sessionId}.`;
  }
  if (value.outcome === 'enrolment_required') return value.message;
  return describeSignedIn(value);
}

function describeSignedIn(value: SignedInValue): string {
  const lines = [
    `Signed in (${value.method.replace(/_/g, ' ')})${value.sessionId ? `; session ${value.sessionId}` : ''}.`,
  ];
  if (value.backupCodesRemaining !== null) lines.push(`Backup codes left: ${value.backupCodesRemaining}.`);
  if (value.deviceToken) lines.push(`Device token (keep it; shown once): ${value.deviceToken}`);
  return lines.join('\n');
}

const deviceInput = (options: DeviceOptions) => ({
  rememberDevice: options.remember || undefined,
  deviceLabel: options.deviceLabel,
});

export function registerVerifyCommands(program: Command, setExit: SetExit): void {
  const verify = program.command('verify').description("a user's SMS sign-in, and the helpdesk's caller verification");

  withDbOptions(
    verify
      .command('send <email>')
      .description('start a sign-in and send a code (or resend in the current one)')
      .option('--device-token <token>', 'a remembered device: skips the code while it is valid'),
  ).action(async (email: string, options: DbOptions & { deviceToken?: string }) => {
    await callAndPrint<SendCodeValue>(
      options,
      setExit,
      'sendCode',
      { email, deviceToken: options.deviceToken },
      describeSend,
    );
  });

  withDbOptions(
    verify
      .command('check <email> <code>')
      .description('enter the code from the SMS')
      .option('--remember', 'remember this device (no code on it for 30 days)')
      .option('--device-label <label>', 'a name for the remembered device'),
  ).action(async (email: string, code: string, options: DeviceOptions) => {
    await callAndPrint<SignedInValue>(
      options,
      setExit,
      'checkCode',
      { email, code, ...deviceInput(options) },
      describeSignedIn,
    );
  });

  withDbOptions(
    verify
      .command('not-my-number <email>')
      .description('"It\'s not my phone number": end the sign-in and flag the user'),
  ).action(async (email: string, options: DbOptions) => {
    await callAndPrint<NotMyNumberValue>(options, setExit, 'notMyNumber', { email }, (v) => v.message);
  });

  withDbOptions(
    verify
      .command('backup <email> <code>')
      .description('sign in with a backup code (each works once)')
      .option('--remember', 'remember this device (no code on it for 30 days)')
      .option('--device-label <label>', 'a name for the remembered device'),
  ).action(async (email: string, code: string, options: DeviceOptions) => {
    await callAndPrint<SignedInValue>(
      options,
      setExit,
      'useBackupCode',
      { email, code, ...deviceInput(options) },
      describeSignedIn,
    );
  });

  withDbOptions(
    verify
      .command('temporary-access <email> <code>')
      .description('sign in with a temporary access code from the helpdesk instead of an SMS code'),
  ).action(async (email: string, code: string, options: DeviceOptions) => {
    await callAndPrint<SignedInValue>(options, setExit, 'useTemporaryAccess', { email, code }, describeSignedIn);
  });

  withDbOptions(
    verify
      .command('enrol <email> <phone>')
      .description('after "Reset 2FA": send a code to the new number to enrol it')
      .option('--country <cc>', 'the country of a national number'),
  ).action(async (email: string, phone: string, options: DbOptions & { country?: string }) => {
    await callAndPrint<{ maskedPhone: string }>(
      options,
      setExit,
      'enrolPhone',
      { email, phone, country: options.country },
      (v) => `A code was sent to ${v.maskedPhone}: mfa-console verify enrol-confirm ${email} CODE`,
    );
  });

  withDbOptions(
    verify.command('enrol-confirm <email> <code>').description('the code from the new number: enrols it and signs in'),
  ).action(async (email: string, code: string, options: DeviceOptions) => {
    await callAndPrint<SignedInValue>(options, setExit, 'confirmEnrolment', { email, code }, describeSignedIn);
  });

  withDbOptions(
    verify.command('caller-send <email>').description("send a code to the user's registered phone, to verify a caller"),
  ).action(async (email: string, options: DbOptions) => {
    await callAndPrint<CallerCodeSentValue>(
      options,
      setExit,
      'sendCallerCode',
      { email },
      (v) => `Caller code sent to ${v.maskedPhone}; check ${v.checkId} (${v.tries} tries).`,
    );
  });

  withDbOptions(
    verify
      .command('caller-check <email> <code>')
      .description('check the code the caller reads back; the result is recorded'),
  ).action(async (email: string, code: string, options: DbOptions) => {
    await callAndPrint<CallerCheckValue>(
      options,
      setExit,
      'checkCallerCode',
      { email, code },
      (v) =>
        `Caller verified: your unlock, cooldown reset, 2FA or number change for ${email} rests on check ${v.checkId} until ${when(v.citableUntil)}.`,
    );
  });

  const backupCodes = program.command('backup-codes').description("a user's backup codes");
  withDbOptions(
    backupCodes
      .command('generate <email>')
      .description(
        "the user's own step: a new set of backup codes within their verified sign-in; the old set stops working",
      )
      .requiredOption('--session <id>', 'the verified sign-in (the session the code or backup code completed)'),
  ).action(async (email: string, options: DbOptions & { session: string }) => {
    await callAndPrint<BackupCodesValue>(
      options,
      setExit,
      'generateBackupCodes',
      { email, sessionId: options.session },
      (v) =>
        [
          'Your backup codes (shown once; keep them in order, somewhere safe):',
          ...v.codes.map((c, i) => `${String(i + 1).padStart(2)}. ${c}`),
        ].join('\n'),
    );
  });

  withDbOptions(
    program
      .command('outbox <email>')
      .description("the simulated provider's messages to the user's phone, newest first (administrators)")
      .option('--limit <n>', 'how many (default 20)'),
  ).action(async (email: string, options: DbOptions & { limit?: string }) => {
    const limit = options.limit === undefined ? undefined : Number(options.limit);
    await callAndPrint<{ messages: OutboxMessageView[] }>(options, setExit, 'outbox', { email, limit }, (v) =>
      v.messages.length ? v.messages.map((m) => `${when(m.sentAt)}  ${m.phone}  ${m.body}`).join('\n') : 'No messages.',
    );
  });
}
