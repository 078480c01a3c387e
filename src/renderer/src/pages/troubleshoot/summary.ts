import type { TroubleshootFacts } from '../../../../shared/contract/troubleshoot';
import type { Finding } from '../../../../shared/troubleshoot/findings';
import { SUPPORT_QUESTIONS, type SupportQuestion } from '../../../../shared/troubleshoot/questions';
import { zonedSentence, zonedText } from '../../../../shared/time-text';

/** A question's answer from the data, its times on the operator's clock (as the form shows it). */
export function prefilled(q: SupportQuestion, facts: TroubleshootFacts, timeZone: string): string | null {
  const text = q.prefill(facts);
  return text === null ? null : zonedSentence(text, timeZone);
}

/** The escalation text technical support asks for: the user, the findings, every answer. */
export function escalationSummary(
  facts: TroubleshootFacts,
  items: Finding[],
  answers: Record<string, string>,
  timeZone: string,
): string {
  const local = (text: string) => zonedSentence(text, timeZone);
  const lines = [
    `2FA support case: ${facts.user.name} <${facts.user.email}> (${facts.user.role})`,
    `Prepared ${zonedText(facts.asOf, timeZone)} (${new Date(facts.asOf).toISOString()}); times in ${timeZone}`,
    '',
    'Findings:',
    ...items.map((f) => `- ${f.title}: ${local(f.detail)}`),
    '',
    'Support questions:',
    ...SUPPORT_QUESTIONS.map(
      (q, i) => `${i + 1}. ${q.text}\n   ${answers[q.id] ?? prefilled(q, facts, timeZone) ?? '(not answered)'}`,
    ),
  ];
  return lines.join('\n');
}
