import type { Command } from 'commander';
import type { FirmPolicyView, PolicyChangeView, PolicyView } from '../../../shared/contract';
import { table } from '../output';
import type { DbOptions } from '../session';
import { callAndPrint, printInvalid, withDbOptions, type SetExit } from './mfa-call';

interface ActorOptions extends DbOptions {
  reason: string;
}

const REASON = ['--reason <text>', 'why (recorded in the audit log with the operator)'] as const;

const describeFirm = (firm: FirmPolicyView) =>
  [
    `Firm-wide 2FA is ${firm.enabled ? 'enabled' : 'disabled'} (${firm.activeAdministrators} active administrators).`,
    ...(firm.request
      ? [
          `Request #${firm.request.id} filed: another administrator approves turning it off (mfa-console approvals approve ${firm.request.id}).`,
        ]
      : []),
  ].join('\n');

function describePolicy(view: PolicyView): string {
  return [
    table(view.fields.map((f) => [`${f.key}`, `${view.values[f.key as keyof PolicyView['values']]} ${f.unit}`])),
    '',
    describeFirm(view.firm),
    `Simulated provider: ${view.simulatedFailure ? `fails with ${view.simulatedFailure.code}` : 'delivers'}`,
  ].join('\n');
}

export function registerPolicyCommands(program: Command, setExit: SetExit): void {
  const policy = program.command('policy').description('firm-wide 2FA and the MFA policy numbers');

  for (const [name, enabled] of [
    ['enable-2fa', true],
    ['disable-2fa', false],
  ] as const) {
    withDbOptions(
      policy
        .command(name)
        .description(
          enabled
            ? 'turn 2FA on firm-wide (needs two active administrators); users with a phone are enrolled'
            : "turn 2FA off firm-wide; each user's own 2FA setting stays as it is",
        )
        .requiredOption(...REASON),
    ).action(async (options: ActorOptions) => {
      await callAndPrint<FirmPolicyView>(
        options,
        setExit,
        'setFirmTwoFactor',
        { enabled, reason: options.reason },
        describeFirm,
      );
    });
  }

  withDbOptions(policy.command('show').description('the policy numbers in force')).action(
    async (options: DbOptions) => {
      await callAndPrint<PolicyView>(options, setExit, 'getPolicy', {}, describePolicy);
    },
  );

  withDbOptions(
    policy
      .command('set <assignments...>')
      .description('change policy numbers, e.g. cooldownMinutes=30 lockAfterFailures=8 (each change is audited)')
      .requiredOption(...REASON),
  ).action(async (assignments: string[], options: ActorOptions) => {
    const changes: Record<string, number> = {};
    for (const assignment of assignments) {
      const match = /^(\w+)=(-?\d+(?:\.\d+)?)$/.exec(assignment);
      if (!match) {
        printInvalid(options, setExit, `"${assignment}" is not KEY=NUMBER (for example cooldownMinutes=30).`);
        return;
      }
      changes[match[1]] = Number(match[2]);
    }
    await callAndPrint<{ changes: PolicyChangeView[] }>(
      options,
      setExit,
      'updatePolicy',
      { changes, reason: options.reason },
      (v) => (v.changes.length ? v.changes.map((c) => `${c.key}: ${c.from} -> ${c.to}`).join('\n') : 'No change.'),
    );
  });

  withDbOptions(
    policy
      .command('simulate-failure <code>')
      .description('make the simulated provider fail sends with a provider code (500, 30007, 21211...), or "off"')
      .requiredOption(...REASON)
      .option('--times <n>', 'only the next N sends'),
  ).action(async (code: string, options: ActorOptions & { times?: string }) => {
    const times = options.times === undefined ? undefined : Number(options.times);
    await callAndPrint<{ failure: PolicyView['simulatedFailure'] }>(
      options,
      setExit,
      'setSimulatedFailure',
      { code: code === 'off' ? null : code, times, reason: options.reason },
      (v) =>
        v.failure ? `The simulated provider now fails with ${v.failure.code}.` : 'The simulated provider delivers.',
    );
  });
}
