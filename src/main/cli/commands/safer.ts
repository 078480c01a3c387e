import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type {
  AuditExportValue,
  AuditPage,
  BulkPreviewValue,
  BulkResultValue,
  PhoneChangedValue,
  PhoneChangeStartedValue,
  TemporaryAccessIssuedValue,
} from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { printResult } from '../output';
import { withApi, type DbOptions } from '../session';
import { callAndPrint, parseIsoTime, printInvalid, when, withDbOptions, type SetExit } from './mfa-call';

interface ChangeOptions extends DbOptions {
  reason: string;
  country?: string;
  callerCheck?: string;
  verifiedAnotherWay?: string;
}

interface AccessOptions extends DbOptions {
  reason: string;
  minutes?: string;
  multiUse?: boolean;
  callerCheck?: string;
  verifiedAnotherWay?: string;
}

interface BulkOptions extends DbOptions {
  reason?: string;
  emails?: string;
  status?: string;
  search?: string;
  yes?: boolean;
  verifiedAnotherWay?: string;
  incident?: string;
}

interface AuditOptions extends DbOptions {
  operator?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
  limit?: string;
  csv?: string;
}

const ANOTHER_WAY_HELP =
  'administrators: proceed without a caller check, saying how the caller was verified (flagged in the audit)';

const describeBulkPreview = (p: BulkPreviewValue) =>
  [
    `${p.affected.length} user${p.affected.length === 1 ? '' : 's'} would change:`,
    ...p.affected.map((a) => `  ${a.email.padEnd(34)} ${a.name}`),
    ...(p.skipped.length ? ['Skipped:', ...p.skipped.map((s) => `  ${s.email.padEnd(34)} ${s.why}`)] : []),
    ...(p.notShown ? [`${p.notShown} more matched the filter than one bulk action takes (500).`] : []),
  ].join('\n');

const describeBulkResult = (r: BulkResultValue) =>
  [
    `Done for ${r.done.length} (batch ${r.bulkId.slice(0, 8)}):`,
    ...r.done.map((d) => `  ${d.email.padEnd(34)} event ${d.eventId}`),
    ...(r.skipped.length ? ['Skipped:', ...r.skipped.map((s) => `  ${s.email.padEnd(34)} ${s.why}`)] : []),
    ...(r.failed.length ? ['Refused:', ...r.failed.map((f) => `  ${f.email.padEnd(34)} ${f.code}: ${f.message}`)] : []),
  ].join('\n');

/** Safer changes for users (docs/operators.md): number changes read back, Reset 2FA, temporary access, bulk, audit. */
export function registerSaferCommands(program: Command, setExit: SetExit): void {
  withDbOptions(
    program
      .command('change-phone <email> <phone>')
      .description('send a code to the NEW number; the caller reads it back with confirm-phone')
      .requiredOption('--reason <text>', 'why; written to the event log')
      .option('--country <cc>', 'the country of a national number')
      .option('--caller-check <id>', 'cite a passed caller verification')
      .option('--verified-another-way <how>', ANOTHER_WAY_HELP),
  ).action(async (email: string, phone: string, o: ChangeOptions) => {
    await callAndPrint<PhoneChangeStartedValue>(
      o,
      setExit,
      'changePhone',
      {
        email,
        phone,
        country: o.country,
        reason: o.reason,
        callerCheckId: o.callerCheck,
        verifiedAnotherWay: o.verifiedAnotherWay,
      },
      (v) =>
        `${v.summary}\nThen: mfa-console confirm-phone ${email} CODE --reason "..." (${v.phoneChange.triesLeft} tries, before ${when(v.phoneChange.codeExpiresAt)})`,
    );
  });

  withDbOptions(
    program
      .command('confirm-phone <email> <code>')
      .description('the code the caller read back from the new number: the number changes')
      .requiredOption('--reason <text>', 'why; written to the event log')
      .option('--caller-check <id>', 'cite a passed caller verification'),
  ).action(async (email: string, code: string, o: ChangeOptions) => {
    await callAndPrint<PhoneChangedValue>(
      o,
      setExit,
      'confirmPhoneChange',
      { email, code, reason: o.reason, callerCheckId: o.callerCheck },
      (v) => [v.summary, ...v.notices].join('\n'),
    );
  });

  withDbOptions(
    program
      .command('reset-2fa <email>')
      .description('the user enrols a number again at the next sign-in; devices and backup codes revoked')
      .requiredOption('--reason <text>', 'why; written to the event log')
      .option('--caller-check <id>', 'cite a passed caller verification')
      .option('--verified-another-way <how>', ANOTHER_WAY_HELP),
  ).action(async (email: string, o: ChangeOptions) => {
    await callAndPrint<{ summary: string }>(
      o,
      setExit,
      'resetTwoFactor',
      { email, reason: o.reason, callerCheckId: o.callerCheck, verifiedAnotherWay: o.verifiedAnotherWay },
      (v) => v.summary,
    );
  });

  const access = program.command('temporary-access').description('temporary access codes (instead of an SMS code)');
  withDbOptions(
    access
      .command('issue <email>')
      .description('a code for one sign-in (or several with --multi-use), shown once')
      .requiredOption('--reason <text>', 'why; written to the event log')
      .option('--minutes <n>', 'how long it works: 10 to 480 (default 60)')
      .option('--multi-use', 'works for every sign-in until it expires')
      .option('--caller-check <id>', 'cite a passed caller verification')
      .option('--verified-another-way <how>', ANOTHER_WAY_HELP),
  ).action(async (email: string, o: AccessOptions) => {
    const minutes = o.minutes === undefined ? undefined : Number(o.minutes);
    if (minutes !== undefined && !Number.isInteger(minutes)) {
      printInvalid(o, setExit, `--minutes: "${o.minutes}" is not a whole number of minutes.`);
      return;
    }
    await callAndPrint<TemporaryAccessIssuedValue>(
      o,
      setExit,
      'issueTemporaryAccess',
      {
        email,
        reason: o.reason,
        minutes,
        multiUse: o.multiUse,
        callerCheckId: o.callerCheck,
        verifiedAnotherWay: o.verifiedAnotherWay,
      },
      (v) => `${v.summary}\nCode: ${v.temporaryAccess.code}`,
    );
  });
  withDbOptions(
    access
      .command('revoke <email>')
      .description('the open code stops working')
      .requiredOption('--reason <text>', 'why; written to the event log'),
  ).action(async (email: string, o: ChangeOptions) => {
    await callAndPrint<{ summary: string }>(
      o,
      setExit,
      'revokeTemporaryAccess',
      { email, reason: o.reason },
      (v) => v.summary,
    );
  });

  withDbOptions(
    program
      .command('bulk <action>')
      .description('unlock | reset-cooldown for --emails or everyone --status/--search match; previews unless --yes')
      .option('--emails <list>', 'comma-separated emails')
      .option('--status <filter>', 'a directory filter, e.g. locked or cooldown')
      .option('--search <text>', 'name, email or phone digits')
      .option('--incident <id>', "an incident's users whose lock or cooldown followed its failed deliveries")
      .option('--reason <text>', 'why; written to the event log of each user (needed with --yes)')
      .option('--yes', 'run it on exactly the previewed users')
      .option(
        '--verified-another-way <how>',
        'administrators: how these users were verified, for the batch (else each rests on your own caller check)',
      ),
  ).action(async (action: string, o: BulkOptions) => {
    if (!['unlock', 'reset-cooldown'].includes(action)) {
      printInvalid(o, setExit, `action: "${action}" is not unlock or reset-cooldown.`);
      return;
    }
    if (o.yes && !o.reason) {
      printInvalid(o, setExit, "--reason: give a reason; each user's event records it.");
      return;
    }
    const emails = o.emails
      ?.split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    await withApi(o, async (api) => {
      const preview = (await api.call('previewBulkAction', {
        action,
        emails,
        filter: o.status,
        search: o.search,
        incidentId: o.incident === undefined ? undefined : Number(o.incident),
      })) as Result<BulkPreviewValue>;
      if (!o.yes || !preview.ok || preview.value.affected.length === 0) {
        setExit(
          printResult(
            preview,
            o,
            (p) => `${describeBulkPreview(p)}${o.yes ? '' : '\nRun again with --yes --reason "..." to do it.'}`,
          ),
        );
        return;
      }
      const result = (await api.call('runBulkAction', {
        action,
        emails: preview.value.affected.map((a) => a.email),
        reason: o.reason,
        verifiedAnotherWay: o.verifiedAnotherWay,
        incidentId: o.incident === undefined ? undefined : Number(o.incident),
      })) as Result<BulkResultValue>;
      setExit(printResult(result, o, describeBulkResult));
    });
  });

  withDbOptions(
    program
      .command('audit')
      .description('every operator action: who, on whom, why, what it rests on, when (UTC)')
      .option('--operator <text>', "part of the operator's email")
      .option('--action <type>', 'an action type, e.g. admin_unlock')
      .option('--target <text>', "part of the user's email or name")
      .option('--from <iso>', 'from this time')
      .option('--to <iso>', 'before this time')
      .option('--limit <n>', 'rows (default 100)')
      .option('--csv <file>', 'write every matching row as CSV instead'),
  ).action(async (o: AuditOptions) => {
    const filters: Record<string, unknown> = { operator: o.operator, action: o.action, target: o.target };
    for (const key of ['from', 'to'] as const) {
      if (o[key] === undefined) continue;
      const ms = parseIsoTime(o[key] as string);
      if (ms === null) return printInvalid(o, setExit, `--${key}: "${o[key]}" is not an ISO-8601 date and time.`);
      filters[key] = ms;
    }
    if (o.csv) {
      const path = o.csv;
      return callAndPrint<AuditExportValue>(o, setExit, 'exportAudit', filters, (v) => {
        writeFileSync(path, v.csv, { mode: 0o600 });
        return `${v.rows} row${v.rows === 1 ? '' : 's'} written to ${path}${v.truncated ? ' (more matched than one export holds)' : ''}`;
      });
    }
    const limit = o.limit === undefined ? undefined : Number(o.limit);
    await callAndPrint<AuditPage>(o, setExit, 'auditLog', { ...filters, limit }, (page) =>
      page.rows.length
        ? [
            ...page.rows.map((r) =>
              [
                when(r.occurredAt),
                r.operator.padEnd(26),
                r.actionLabel.padEnd(26),
                (r.targetEmail ?? '-').padEnd(26),
                r.reason ?? '-',
                r.restsOn ? `[${r.restsOn}]` : '',
              ]
                .join('  ')
                .trimEnd(),
            ),
            `${page.total} action${page.total === 1 ? '' : 's'}`,
          ].join('\n')
        : 'No operator actions match.',
    );
  });
}
