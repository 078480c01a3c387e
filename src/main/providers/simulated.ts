import type { Database } from '../db/database';
import type { Clock } from '../core/clock';
import { parsePhone } from '../phone';
import { readSetting, writeSetting } from '../settings/json-setting';
import type { CheckResult, FailureKind, ProviderFailure, SendRequest, SendResult, SmsProvider } from './provider';

/** Settings key: a failure the simulated provider reports instead of delivering, for demos. */
export const SIMULATED_FAILURE_KEY = 'simulated_failure';

export interface SimulatedFailure {
  /** A provider code as Twilio would give it: '500', '30007', '21211', '60203', 'TIMEOUT'... */
  code: string;
  /** How many more sends fail; null until the setting is cleared. */
  remaining: number | null;
}

/** How the simulated provider files a code, mirroring what Twilio's codes mean. */
export function simulatedFailureKind(code: string): FailureKind {
  if (['60200', '21211', '21614', '60205'].includes(code)) return 'incorrect_phone_number';
  if (['60202', '60203', '20429'].includes(code)) return 'rate_limited';
  if (/^(30\d{3}|21610|21408|60410|60605)$/.test(code)) return 'sms_failure';
  return 'provider_failure';
}

const FAILURE_MESSAGES: Record<FailureKind, string> = {
  provider_failure: 'The simulated provider failed the request.',
  incorrect_phone_number: 'The simulated provider refused the destination number.',
  sms_failure: 'The simulated carrier did not deliver the message.',
  rate_limited: 'The simulated provider refuses more attempts for now.',
};

// Numbers SMS cannot reach: the simulated provider refuses them the way Twilio does (21614).
const UNREACHABLE_TYPES = new Set(['fixed_line', 'toll_free', 'premium_rate', 'shared_cost', 'uan', 'voicemail']);

/**
 * The offline default provider: it "delivers" the engine's code into the simulated_outbox
 * table, which the simulated phone panel and `mfa-console outbox` read. It can be told to fail
 * (a setting), so a demo shows "MFA Provider Failure, Error Code: 500" or an SMS Failure 30007.
 */
/** What a caller check's SMS says before its code (issue 12), so the user knows why it came. */
export const CALLER_CHECK_MESSAGE =
  'A helpdesk agent is verifying your identity. Read this code to them only if you are on a call with your helpdesk.';

export class SimulatedProvider implements SmsProvider {
  readonly id = 'simulated' as const;
  readonly generatesCodes = false;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async send(request: SendRequest): Promise<SendResult> {
    const parsed = parsePhone(request.to);
    if (!parsed.ok || UNREACHABLE_TYPES.has(parsed.type)) {
      return { ok: false, failure: failure('21614') };
    }
    return this.db.transaction(async (manager) => {
      const planned = await readSetting<SimulatedFailure | null>(manager, SIMULATED_FAILURE_KEY, null);
      if (planned?.code) {
        if (planned.remaining !== null) {
          const remaining = planned.remaining - 1;
          await writeSetting(
            manager,
            SIMULATED_FAILURE_KEY,
            remaining > 0 ? { ...planned, remaining } : null,
            this.clock.now(),
          );
        }
        return { ok: false, failure: failure(planned.code) } as const;
      }
      const body = request.message
        ? request.message.replace('{code}', request.code ?? '')
        : request.purpose === 'caller_check'
          ? `${CALLER_CHECK_MESSAGE} Code: ${request.code}`
          : `Your MFA Support Console verification code is ${request.code}. Do not share it with anyone.`;
      await manager.query('INSERT INTO simulated_outbox (phone, body, session_id, sent_at) VALUES (?, ?, ?, ?)', [
        request.to,
        body,
        request.sessionId,
        this.clock.now(),
      ]);
      const [row] = (await manager.query('SELECT last_insert_rowid() AS id')) as { id: number }[];
      return { ok: true, ref: `SIM${row.id}`, carrier: null } as const;
    });
  }

  /** A notice without a code, into the same simulated handset (never made to fail: it is not a code). */
  async notify(to: string, body: string): Promise<SendResult> {
    return this.db.transaction(async (manager) => {
      await manager.query('INSERT INTO simulated_outbox (phone, body, session_id, sent_at) VALUES (?, ?, NULL, ?)', [
        to,
        body,
        this.clock.now(),
      ]);
      const [row] = (await manager.query('SELECT last_insert_rowid() AS id')) as { id: number }[];
      return { ok: true, ref: `SIM${row.id}`, carrier: null } as const;
    });
  }

  async check(): Promise<CheckResult> {
    // The engine checks the codes it made; this provider never holds one.
    return {
      ok: false,
      failure: { kind: 'provider_failure', code: 'UNSUPPORTED', message: 'No provider-side codes.' },
    };
  }
}

function failure(code: string): ProviderFailure {
  const kind = simulatedFailureKind(code);
  return { kind, code, message: FAILURE_MESSAGES[kind] };
}
