import type { TroubleshootFacts } from '../../../../shared/contract/troubleshoot';
import type { Finding } from '../../../../shared/troubleshoot/findings';
import { SUPPORT_QUESTIONS } from '../../../../shared/troubleshoot/questions';

/** The escalation text technical support asks for: the user, the findings, every answer. */
export function escalationSummary(facts: TroubleshootFacts, items: Finding[], answers: Record<string, string>): string {
  const lines = [
    `2FA support case: ${facts.user.name} <${facts.user.email}> (${facts.user.role})`,
    `Prepared ${new Date(facts.asOf).toISOString()}`,
    '',
    'Findings:',
    ...items.map((f) => `- ${f.title}: ${f.detail}`),
    '',
    'Support questions:',
    ...SUPPORT_QUESTIONS.map(
      (q, i) => `${i + 1}. ${q.text}\n   ${answers[q.id] ?? q.prefill(facts) ?? '(not answered)'}`,
    ),
  ];
  return lines.join('\n');
}
