import type { EventTypeId } from '../../../shared/events';
import { fail, FieldError } from '../fields';
import type { FormatOptions, ImportFormat, ImportInput, ParsedRecord } from '../types';
import { naiveWall, WallClock } from '../zone';
import { ignored, type Mapped } from './shared';

/**
 * privacyIDEA's audit CSV (sqlaudit.csv_generator): no header, every value written as '%s' and
 * joined with commas, nothing escaped; None for NULL. The columns are audit_entry_to_dict's, whose
 * set grew over releases: the count tells the release.
 */
const LAYOUTS: Record<number, readonly string[]> = {
  // 3.x before containers and user agents (verified in privacyIDEA's source).
  22: [
    'number',
    'date',
    'sig_check',
    'missing_line',
    'action',
    'success',
    'serial',
    'token_type',
    'user',
    'realm',
    'resolver',
    'administrator',
    'action_detail',
    'info',
    'privacyidea_server',
    'policies',
    'client',
    'log_level',
    'clearance_level',
    'startdate',
    'duration',
    'thread_id',
  ],
  // 3.10 and later (verified in privacyIDEA's source).
  27: [
    'number',
    'date',
    'sig_check',
    'missing_line',
    'action',
    'authentication',
    'success',
    'serial',
    'token_type',
    'container_serial',
    'container_type',
    'user',
    'realm',
    'resolver',
    'administrator',
    'action_detail',
    'info',
    'privacyidea_server',
    'policies',
    'client',
    'user_agent',
    'user_agent_version',
    'log_level',
    'clearance_level',
    'startdate',
    'duration',
    'thread_id',
  ],
};

/** The authentication endpoints; every other audited request (token admin, config) is not imported. */
const AUTH_ACTION = /^(GET|POST) \/validate\/(check|samlcheck|radiuscheck|triggerchallenge)\b/;
const RATE_LIMIT = /Only \d+ failed authentications per \d+:\d{2}:\d{2} allowed\./;

/**
 * An authentication's outcome from privacyIDEA's own fixed strings (lib/token.py, lib/policy*)
 * and the `authentication` and `success` columns: codes of the product, not free text.
 */
export function privacyideaType(info: string, authentication: string | null, success: string | null): EventTypeId {
  if (info.includes('Failcounter exceeded')) return 'account_lock';
  if (RATE_LIMIT.test(info)) return 'cooldown_activated';
  if (info.includes('The PIN was correct, but the SMS could not be sent')) return 'mfa_provider_failure';
  if (info.includes('The user has no tokens assigned')) return 'mfa_failure';
  if (info.includes('wrong otp pin')) return 'primary_auth_failure';
  if (info.includes('wrong otp value')) return 'wrong_code';
  if (authentication === 'DECLINED') return 'mfa_denied';
  if (info.includes('Enter the OTP from the SMS') || authentication === 'CHALLENGE') return 'code_sent';
  if (info.includes('matching 1 tokens') || authentication === 'ACCEPT' || success === '1') return 'sign_in_succeeded';
  return 'mfa_failure';
}

/** One audit line split on the ',' separator between values; the outer quotes removed. */
export function splitAuditLine(line: string): string[] | null {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (text.length < 2 || text[0] !== "'" || text[text.length - 1] !== "'") return null;
  return text.slice(1, -1).split("','");
}

function mapLine(values: string[], clock: WallClock, timezone: string): Mapped {
  const layout = LAYOUTS[values.length];
  if (!layout) {
    fail('number', `22 or 27 quoted values (privacyIDEA 3.x audit CSV)`, `${values.length} values`);
  }
  const v: Record<string, string | null> = {};
  layout.forEach((name, i) => (v[name] = values[i] === 'None' ? null : values[i]));
  if (!v.number || !/^\d+$/.test(v.number)) fail('number', 'the audit entry number', v.number);
  const wall = naiveWall(v.date, 'date');
  const { utc, ambiguous } = clock.toUtc(wall);
  const action = v.action ?? '';
  if (!AUTH_ACTION.test(action)) return ignored(`action ${action.split('?')[0] || '(none)'}`);
  if (v.success !== null && v.success !== '0' && v.success !== '1') fail('success', '0 or 1', v.success);
  const info = v.info ?? '';
  return {
    key: `privacyidea:${v.number}`,
    recordId: v.number,
    event: {
      occurredAt: utc,
      type: privacyideaType(info, v.authentication ?? null, v.success),
      userName: v.user,
      provider: 'privacyidea',
      providerCode: v.authentication ?? (v.success === '1' ? 'success' : 'failure'),
      message: v.info,
      details: {
        vendorCode: v.authentication ?? v.success,
        vendorEvent: action,
        recordId: v.number,
        realm: v.realm,
        serial: v.serial,
        tokenType: v.token_type,
        client: v.client,
        server: v.privacyidea_server,
        localTime: v.date,
        timezone,
        ...(ambiguous ? { ambiguousLocalTime: true } : {}),
      },
    },
  };
}

async function* records(input: ImportInput, options: FormatOptions): AsyncIterable<ParsedRecord[]> {
  const timezone = options.timezone!;
  const clock = new WallClock(timezone);
  let carry = '';
  let line = 1;
  const one = (text: string): ParsedRecord | null => {
    const at = line++;
    if (text.trim() === '') return null;
    const values = splitAuditLine(text);
    if (!values) {
      return {
        kind: 'rejected',
        line: at,
        message: `expected values in single quotes separated by ',', found ${JSON.stringify(text.slice(0, 40))}`,
      };
    }
    try {
      const mapped = mapLine(values, clock, timezone);
      if ('ignored' in mapped) return { kind: 'ignored', line: at, code: mapped.ignored };
      return { kind: 'event', line: at, ...mapped };
    } catch (error) {
      if (error instanceof FieldError)
        return { kind: 'rejected', line: at, column: error.column, message: error.message };
      throw error;
    }
  };
  for await (const chunk of input.text()) {
    const text = carry + chunk;
    const out: ParsedRecord[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const record = one(text.slice(start, nl));
      if (record) out.push(record);
      start = nl + 1;
    }
    carry = text.slice(start);
    if (out.length) yield out;
  }
  const last = carry ? one(carry) : null;
  if (last) yield [last];
}

export const privacyideaAuditCsv: ImportFormat = {
  id: 'privacyidea-audit-csv',
  label: 'privacyIDEA audit log (CSV download)',
  provider: 'privacyidea',
  needsTimezone: true,
  detect: (sample) => {
    const values = splitAuditLine(sample.firstLine);
    if (!values || values.length < 10 || !/^\d+$/.test(values[0]) || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:/.test(values[1]))
      return 0;
    // A count no release wrote is still this format: its records are refused with the count.
    return LAYOUTS[values.length] ? 95 : 40;
  },
  records,
};
