import type { Command } from 'commander';
import type { AdminActionValue, UserListValue, UserSummary, UserView } from '../../../shared/contract';
import { table } from '../output';
import type { DbOptions } from '../session';
import { callAndPrint, parseIsoTime, printInvalid, when, withDbOptions, type SetExit } from './mfa-call';

interface AddOptions extends DbOptions {
  name: string;
  email: string;
  role: string;
  phone?: string;
  country?: string;
  reason: string;
}

interface ListOptions extends DbOptions {
  status?: string;
  search?: string;
  limit?: string;
  after?: string;
  changedWithin?: string;
}

interface ActionOptions extends DbOptions {
  reason: string;
  until?: string;
  country?: string;
  callerCheck?: string;
  verifiedAnotherWay?: string;
  confirmFewerAdmins?: boolean;
}

function describeSummary(user: UserSummary): string {
  return [
    user.email.padEnd(34),
    user.name.padEnd(24),
    user.role.padEnd(13),
    (user.phoneMasked ?? '-').padEnd(16),
    user.state,
  ].join('  ');
}

function describeList(list: UserListValue): string {
  if (!list.users.length) return 'No users match.';
  const lines = list.users.map(describeSummary);
  lines.push(`${list.total} user${list.total === 1 ? '' : 's'}`);
  if (list.nextCursor) lines.push(`Next page: --after ${list.nextCursor}`);
  return lines.join('\n');
}

function describeView(view: UserView): string {
  const { user, status } = view;
  const lines = [
    table([
      ['Name', user.name],
      ['Email', user.email],
      ['Role', user.role],
      ['Status', user.status],
      ['2FA', user.twoFactor + (user.twoFactorDisabledUntil ? ` until ${when(user.twoFactorDisabledUntil)}` : '')],
      [
        'Phone',
        view.phone
          ? `${view.phone.masked} (${view.phone.typeLabel ?? 'type unknown'}${view.phone.carrier ? `, ${view.phone.carrier}` : ''})`
          : '-',
      ],
      ['Backup codes', `${view.backupCodes.remaining} of ${view.backupCodes.total} unused`],
      ['Trusted devices', view.trustedDevices.filter((d) => d.active).length],
      ['Last sign-in', when(user.lastSignInAt)],
      [
        'Number changed',
        view.numberHistory.changedAt
          ? `${when(view.numberHistory.changedAt)} by ${view.numberHistory.changedBy ?? '-'}`
          : '-',
      ],
      ['Same number', view.numberHistory.sharedWith.map((u) => u.email).join(', ') || 'no other account'],
      [
        'Temporary access',
        view.temporaryAccess.active
          ? `until ${when(view.temporaryAccess.active.expiresAt)} (by ${view.temporaryAccess.active.issuedBy})`
          : view.temporaryAccess.coolOffUntil
            ? `none; cannot be issued until ${when(view.temporaryAccess.coolOffUntil)}`
            : 'none',
      ],
    ]),
    '',
    `Status: ${status.headline}`,
    `Can sign in: ${status.canSignIn ? 'yes' : 'no'}${status.needsCode ? ' (with a code)' : ''}`,
    ...(status.userMessage ? [`The user sees: "${status.userMessage}"`] : []),
    `Clears: ${status.clearsHow}`,
    ...status.counters.map((c) => `  ${c.label}: ${c.value} of ${c.limit} (${c.atLimit})`),
    ...status.notes.map((n) => `  Note: ${n}`),
    '',
    'Actions:',
    ...status.actions.map(
      (a) => `  ${a.action.padEnd(15)} ${a.available ? a.consequence : `unavailable: ${a.unavailableReason}`}`,
    ),
  ];
  if (view.recentEvents.length) {
    lines.push('', 'Recent events:');
    for (const e of view.recentEvents) {
      lines.push(
        `  ${when(e.occurredAt)}  ${e.label}${e.providerCode ? ` (${e.providerCode})` : ''}${e.actor ? ` by ${e.actor}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

const describeAction = (value: AdminActionValue) =>
  [value.summary, ...(value.warning ? [`Warning: ${value.warning}`] : [])].join('\n');

/** What each `user E <action>` calls, and the extra input it takes. */
const ACTIONS: Record<string, { method: string; value?: 'phone' | 'role' }> = {
  lock: { method: 'lockUser' },
  unlock: { method: 'unlockUser' },
  'reset-cooldown': { method: 'resetCooldown' },
  'enable-2fa': { method: 'enableTwoFactor' },
  'disable-2fa': { method: 'disableTwoFactor' },
  'revoke-devices': { method: 'revokeDevices' },
  'set-phone': { method: 'changePhone', value: 'phone' },
  'reset-2fa': { method: 'resetTwoFactor' },
  deactivate: { method: 'deactivateUser' },
  reactivate: { method: 'reactivateUser' },
  'set-role': { method: 'setRole', value: 'role' },
};

export function registerUserCommands(program: Command, setExit: SetExit): void {
  const users = program.command('users').description('the user directory');

  withDbOptions(
    users
      .command('add')
      .description('add a user; with a phone number they are enrolled in 2FA')
      .requiredOption('--name <name>', 'full name')
      .requiredOption('--email <email>', 'email (unique)')
      .requiredOption('--role <role>', 'administrator, employee or technician')
      .option('--phone <number>', 'mobile number, E.164 or national with --country')
      .option('--country <cc>', 'two-letter country for a national number, e.g. GB')
      .requiredOption('--reason <text>', 'why (recorded in the audit log), e.g. "New starter, ticket 4411"'),
  ).action(async (options: AddOptions) => {
    const { name, email, role, phone, country, reason } = options;
    await callAndPrint<{ user: UserSummary; warning: string | null }>(
      options,
      setExit,
      'addUser',
      { name, email, role, phone, country, reason },
      (v) =>
        [`Added ${v.user.email} (${v.user.twoFactor})`, ...(v.warning ? [`Warning: ${v.warning}`] : [])].join('\n'),
    );
  });

  withDbOptions(
    users
      .command('list')
      .description('list users, by name')
      .option(
        '--status <filter>',
        'locked, cooldown, 2fa-disabled, not-enrolled, not-my-number, deactivated, shares-number, phone-changed or incident-caused',
      )
      .option('--changed-within <days>', 'with --status phone-changed: in the last N days (default 7)')
      .option('--search <text>', 'name, email or phone digits')
      .option('--limit <n>', 'rows per page (default 50)')
      .option('--after <cursor>', 'the next page, as printed'),
  ).action(async (options: ListOptions) => {
    const limit = options.limit === undefined ? undefined : Number(options.limit);
    await callAndPrint<UserListValue>(
      options,
      setExit,
      'listUsers',
      {
        filter: options.status,
        search: options.search,
        limit,
        after: options.after,
        changedWithinDays: options.changedWithin === undefined ? undefined : Number(options.changedWithin),
      },
      describeList,
    );
  });

  withDbOptions(
    users
      .command('show <email>')
      .description('one user: phone, devices, backup codes left, recent events and the status explainer'),
  ).action(async (email: string, options: DbOptions) => {
    await callAndPrint<UserView>(options, setExit, 'getUser', { email }, describeView);
  });

  withDbOptions(
    users
      .command('reveal-phone <email>')
      .description('print the full phone number (audited)')
      .requiredOption('--reason <text>', 'why the full number is needed (recorded in the audit log)'),
  ).action(async (email: string, options: DbOptions & { reason: string }) => {
    await callAndPrint<{ e164: string }>(
      options,
      setExit,
      'revealPhone',
      { email, reason: options.reason },
      (v) => v.e164,
    );
  });

  withDbOptions(
    program
      .command('user <email> <action> [value]')
      .description(
        'an admin action: lock | unlock | reset-cooldown | enable-2fa | disable-2fa [--until ISO] | revoke-devices | set-phone P (then confirm-phone) | reset-2fa | deactivate | reactivate | set-role R',
      )
      .requiredOption('--reason <text>', 'why; written to the event log')
      .option('--until <iso>', 'disable-2fa: until this time (ISO-8601); without it, permanently')
      .option('--country <cc>', 'set-phone: the country of a national number')
      .option('--caller-check <id>', 'cite a passed caller verification (default: your latest for this user)')
      .option(
        '--verified-another-way <how>',
        'administrators: proceed without a caller check, saying how the caller was verified (flagged in the audit)',
      )
      .option('--confirm-fewer-admins', 'deactivate/set-role: go on although it leaves fewer than two administrators'),
  ).action(async (email: string, action: string, value: string | undefined, options: ActionOptions) => {
    const spec = ACTIONS[action];
    if (!spec) {
      printInvalid(options, setExit, `action: "${action}" is not one of ${Object.keys(ACTIONS).join(', ')}.`);
      return;
    }
    if (spec.value && !value) {
      printInvalid(options, setExit, `${action} needs a ${spec.value === 'phone' ? 'phone number' : 'role'}.`);
      return;
    }
    const input: Record<string, unknown> = {
      email,
      reason: options.reason,
      callerCheckId: options.callerCheck,
      verifiedAnotherWay: options.verifiedAnotherWay,
      confirmFewerAdmins: options.confirmFewerAdmins,
    };
    if (spec.value === 'phone') Object.assign(input, { phone: value, country: options.country });
    if (spec.value === 'role') input.role = value;
    if (options.until !== undefined) {
      if (action !== 'disable-2fa') {
        printInvalid(options, setExit, '--until: only disable-2fa takes a date.');
        return;
      }
      const until = parseIsoTime(options.until);
      if (until === null) {
        printInvalid(options, setExit, `--until: "${options.until}" is not an ISO-8601 date and time.`);
        return;
      }
      input.until = until;
    }
    await callAndPrint<AdminActionValue>(options, setExit, spec.method, input, describeAction);
  });
}
