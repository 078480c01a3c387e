import type { Command } from 'commander';
import type { ApprovalDecisionValue, ApprovalListValue, ApprovalRequestView } from '../../../shared/contract';
import { callAndPrint, printInvalid, when, withDbOptions, type SetExit } from './mfa-call';

function describeRequest(r: ApprovalRequestView): string {
  return [
    `#${r.id}`.padEnd(5),
    r.status.padEnd(9),
    r.actionLabel.padEnd(36),
    (r.target ?? '-').padEnd(28),
    `by ${r.requester}`,
    `filed ${when(r.createdAt)}`,
    r.status === 'pending' ? `expires ${when(r.expiresAt)}` : `decided by ${r.decidedBy ?? '-'}`,
    `reason: "${r.reason}"`,
  ].join('  ');
}

const describeList = (list: ApprovalListValue) =>
  list.requests.length
    ? [...list.requests.map(describeRequest), `${list.pending} pending`].join('\n')
    : 'No approval requests.';

const describeDecision = (value: ApprovalDecisionValue) => `${value.summary}\n${describeRequest(value.request)}`;

function requestId(text: string): number | null {
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** `mfa-console approvals list|approve <id>|reject <id> --reason`: two-person approval from a terminal. */
export function registerApprovalCommands(program: Command, setExit: SetExit): void {
  const approvals = program.command('approvals').description('two-person approval requests (administrators)');

  withDbOptions(
    approvals
      .command('list')
      .description('pending requests first, then the latest decided')
      .option('--pending', 'pending only'),
  ).action(async (options: { pending?: boolean; db?: string; json?: boolean }) => {
    await callAndPrint<ApprovalListValue>(
      options,
      setExit,
      'approvalsList',
      { status: options.pending ? 'pending' : 'all' },
      describeList,
    );
  });

  for (const [verb, method] of [
    ['approve', 'approvalApprove'],
    ['reject', 'approvalReject'],
  ] as const) {
    withDbOptions(
      approvals
        .command(`${verb} <id>`)
        .description(
          verb === 'approve'
            ? "approve another administrator's request: the action is carried out now"
            : "reject another administrator's request: nothing changes",
        )
        .requiredOption('--reason <text>', 'why; written to the event log'),
    ).action(async (id: string, options: { reason: string; db?: string; json?: boolean }) => {
      const parsed = requestId(id);
      if (parsed === null) {
        printInvalid(options, setExit, `id: "${id}" is not a request number (see approvals list).`);
        return;
      }
      await callAndPrint<ApprovalDecisionValue>(
        options,
        setExit,
        method,
        { id: parsed, reason: options.reason },
        describeDecision,
      );
    });
  }
}
