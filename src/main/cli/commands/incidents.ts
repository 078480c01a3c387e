import type { Command } from 'commander';
import type { DetectionRunView, IncidentDetail, IncidentSettingsView, IncidentSummary } from '../../../shared/contract';
import { table } from '../output';

/** Rows as aligned columns (the widest cell of each column sets its width). */
function grid(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
import type { DbOptions } from '../session';
import { callAndPrint, parseIsoTime, printInvalid, when, withDbOptions, type SetExit } from './mfa-call';

const DAY = 86_400_000;
const pct = (v: number | null) => (v == null ? '-' : `${(100 * v).toFixed(1)}%`);

function describeList(v: { incidents: IncidentSummary[] }): string {
  if (!v.incidents.length) return 'No incidents.';
  return grid([
    ['id', 'what', 'since', 'until', 'failures', 'sends', 'rate', 'usually', 'users'],
    ...v.incidents.map((i) => [
      String(i.id),
      i.label,
      when(i.startedAt),
      i.endedAt == null ? 'ongoing' : when(i.endedAt),
      String(i.failures),
      String(i.sends),
      i.kind === 'pumping' ? `${pct(i.rate)} converted` : pct(i.rate),
      pct(i.baselineRate),
      String(i.affectedUsers),
    ]),
  ]);
}

function describeDetail(d: IncidentDetail): string {
  const i = d.incident;
  const lines = [
    `${i.label}: ${i.endedAt == null ? 'ongoing' : 'over'}`,
    table([
      ['Since', when(i.startedAt)],
      ['Until', i.endedAt == null ? 'ongoing' : when(i.endedAt)],
      ['Detected', when(i.detectedAt)],
      [
        i.kind === 'pumping' ? 'Sends' : 'Failed',
        i.kind === 'pumping'
          ? `${i.sends} (${pct(i.rate)} converted, usually ${pct(i.baselineRate)})`
          : `${i.failures} of ${i.sends} sends (${pct(i.rate)}; usually ${pct(i.baselineRate)})`,
      ],
      ['p-value', i.pValue.toExponential(2)],
      ['Affected users', String(d.totalUsers)],
      ['Top codes', d.topCodes.map((c) => `${c.code} ${c.title ?? ''} (${c.failures})`).join(', ') || '-'],
    ]),
    '',
    'Users (most failures first):',
    grid([
      ['email', 'roles', 'failures'],
      ...d.users.slice(0, 20).map((u) => [u.email, u.roles.join(', '), String(u.failures)]),
    ]),
  ];
  return lines.join('\n');
}

const day = (text: string, end: boolean): number | null => {
  const ms = parseIsoTime(text);
  if (ms == null) return null;
  return end && /^\d{4}-\d{2}-\d{2}$/.test(text) ? ms + DAY - 1 : ms;
};

export function registerIncidentCommands(program: Command, setExit: SetExit): void {
  withDbOptions(
    program
      .command('incidents')
      .description('incidents the detector found (carrier, country, provider, error code, SMS pumping), newest first')
      .option('--from <date>', 'overlapping this date or time (ISO 8601, UTC) or later')
      .option('--to <date>', 'starting on or before this date or time')
      .option('--kind <kind>', 'carrier, country, provider, error or pumping')
      .option('--ongoing', 'only incidents still going on')
      .option('--limit <n>', 'at most this many (default 100)'),
  ).action(
    async (options: DbOptions & { from?: string; to?: string; kind?: string; ongoing?: boolean; limit?: string }) => {
      const from = options.from === undefined ? undefined : day(options.from, false);
      const to = options.to === undefined ? undefined : day(options.to, true);
      if (from === null || to === null) {
        printInvalid(options, setExit, '--from/--to: must be a date like 2026-11-22 or an ISO 8601 time.');
        return;
      }
      await callAndPrint(
        options,
        setExit,
        'incidentsList',
        {
          from,
          to,
          kind: options.kind,
          ongoing: options.ongoing,
          limit: options.limit === undefined ? undefined : Number(options.limit),
        },
        describeList,
      );
    },
  );

  withDbOptions(
    program
      .command('incident <id>')
      .description('one incident: its rate against the baseline, error codes and affected users')
      .option('--users', 'print every affected user (for bulk remediation) instead'),
  ).action(async (id: string, options: DbOptions & { users?: boolean }) => {
    if (options.users) {
      await callAndPrint<{ users: IncidentDetail['users'] }>(
        options,
        setExit,
        'incidentUsers',
        { id: Number(id) },
        (v) =>
          grid([
            ['email', 'roles', 'failures'],
            ...v.users.map((u) => [u.email, u.roles.join(', '), String(u.failures)]),
          ]),
      );
      return;
    }
    await callAndPrint(options, setExit, 'incidentDetail', { id: Number(id) }, describeDetail);
  });

  withDbOptions(
    program
      .command('detect-incidents')
      .description('run the incident detector now (over what changed since its last run, or --full)')
      .option('--full', 'over the whole log'),
  ).action(async (options: DbOptions & { full?: boolean }) => {
    await callAndPrint<DetectionRunView>(
      options,
      setExit,
      'detectIncidents',
      { full: options.full },
      (v) =>
        `Looked at ${v.keys} keys over ${v.hours} hours in ${v.ms.toFixed(0)} ms: ${v.written} incident(s) written, ${v.total} in all.`,
    );
  });

  withDbOptions(
    program
      .command('incident-settings [assignments...]')
      .description('show the detector parameters, or change them: minFailures=10 quietHours=3 --reason "..."')
      .option('--reason <text>', 'why (recorded in the audit log with the operator)'),
  ).action(async (assignments: string[], options: DbOptions & { reason?: string }) => {
    if (!assignments.length) {
      await callAndPrint<IncidentSettingsView>(options, setExit, 'getIncidentSettings', {}, (v) =>
        grid(
          v.fields.map((f) => [f.key, `${v.values[f.key as keyof IncidentSettingsView['values']]} ${f.unit}`, f.label]),
        ),
      );
      return;
    }
    const changes: Record<string, number> = {};
    for (const assignment of assignments) {
      const match = /^(\w+)=(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(assignment);
      if (!match) {
        printInvalid(options, setExit, `"${assignment}" is not KEY=NUMBER (for example minFailures=10).`);
        return;
      }
      changes[match[1]] = Number(match[2]);
    }
    await callAndPrint<{ changes: { key: string; from: number; to: number }[] }>(
      options,
      setExit,
      'updateIncidentSettings',
      { changes, reason: options.reason ?? '' },
      (v) =>
        v.changes.length
          ? `${v.changes.map((c) => `${c.key}: ${c.from} -> ${c.to}`).join('\n')}\nIncidents detected again with the new parameters.`
          : 'No change.',
    );
  });
}
