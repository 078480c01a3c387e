import type { Clock } from '../../core/clock';
import type {
  CheckRequest,
  CheckResult,
  LookupResult,
  PhoneLookup,
  ProviderFailure,
  SendRequest,
  SendResult,
  SmsProvider,
} from '../provider';
import type { TwilioClient } from './client';
import { toProviderFailure, twilioErrorCode } from './failures';
import type { ProviderHealth, ProviderOperation } from './health';

export interface TwilioProviderDeps {
  client: TwilioClient;
  verifyServiceSid: string;
  clock: Clock;
  /** Where each call's outcome is recorded for the status bar; optional for tests of mapping alone. */
  health?: ProviderHealth;
}

/** A Lookup answer with the parts the helpdesk sees plus the raw network codes, for the lookup history. */
export interface TwilioLookupResult extends LookupResult {
  mobileCountryCode: string | null;
  mobileNetworkCode: string | null;
  errorCode: string | null;
}

type LookupOutcome = { ok: true; value: TwilioLookupResult } | { ok: false; failure: ProviderFailure };

// Statuses of a finished verification: the code can no longer be approved, the user needs a new one.
const FINISHED = new Set(['expired', 'canceled', 'deleted', 'failed']);

/**
 * Twilio Verify as an SmsProvider: Twilio makes and checks the code (`generatesCodes`), our
 * engine still enforces the 3-minute validity, cooldown and lock on top. A wrong code is HTTP
 * 200 with status pending: that is a rejected check, not an error.
 */
export class TwilioProvider implements SmsProvider, PhoneLookup {
  readonly id = 'twilio' as const;
  readonly generatesCodes = true;

  constructor(private readonly deps: TwilioProviderDeps) {}

  private get service() {
    return this.deps.client.verify.v2.services(this.deps.verifyServiceSid);
  }

  send(request: SendRequest): Promise<SendResult> {
    return this.observe('send', async (): Promise<SendResult> => {
      // Never retried (the HTTP layer retries GETs only): a second POST could text a second code.
      const verification = await this.service.verifications.create({ to: request.to, channel: 'sms' });
      const lookup = verification.lookup as { carrier?: { name?: string | null } | null } | null | undefined;
      return { ok: true, ref: verification.sid, carrier: lookup?.carrier?.name ?? null };
    });
  }

  check(request: CheckRequest): Promise<CheckResult> {
    return this.observe('check', async (): Promise<CheckResult> => {
      try {
        const check = await this.service.verificationChecks.create({ to: request.to, code: request.code });
        if (check.status === 'approved') return { ok: true, status: 'approved' };
        if (check.status === 'pending') return { ok: true, status: 'rejected' };
        if (check.status === 'max_attempts_reached') {
          return {
            ok: false,
            failure: { kind: 'rate_limited', code: '60202', message: 'The verification reached its 5 check attempts.' },
          };
        }
        if (FINISHED.has(check.status)) return { ok: true, status: 'expired' };
        return { ok: true, status: 'rejected' };
      } catch (error) {
        // 20404: Twilio no longer knows the verification (expired after 10 minutes, or approved already).
        if (twilioErrorCode(error) === 20404) return { ok: true, status: 'expired' };
        throw error;
      }
    });
  }

  lookup(e164: string): Promise<LookupOutcome> {
    return this.observe('lookup', async (): Promise<LookupOutcome> => {
      const number = await this.deps.client.lookups.v2.phoneNumbers(e164).fetch({ fields: 'line_type_intelligence' });
      if (number.valid === false) {
        const errors = (number.validationErrors ?? []).join(', ');
        return {
          ok: false,
          failure: {
            kind: 'incorrect_phone_number',
            code: '21211',
            message: `Lookup says ${e164} is not a valid number${errors ? ` (${errors})` : ''}.`,
          },
        };
      }
      // twilio 6.x hands line_type_intelligence over as LineTypeIntelligenceInfo (camel case).
      const line = number.lineTypeIntelligence ?? null;
      return {
        ok: true,
        value: {
          lineType: line?.type ?? null,
          carrier: line?.carrierName ?? null,
          countryCode: number.countryCode ?? null,
          mobileCountryCode: line?.mobileCountryCode ?? null,
          mobileNetworkCode: line?.mobileNetworkCode ?? null,
          errorCode: line?.errorCode ? String(line.errorCode) : null,
        },
      };
    });
  }

  /** Runs one call, turns a throw into a ProviderFailure and records the outcome for health. */
  private async observe<T extends SendResult | CheckResult | LookupOutcome>(
    operation: ProviderOperation,
    call: () => Promise<T>,
  ): Promise<T> {
    const started = this.deps.clock.now();
    let outcome: T;
    try {
      outcome = await call();
    } catch (error) {
      // Every result type here has this failure shape, so the cast only widens what T already allows.
      outcome = { ok: false, failure: toProviderFailure(error) } as T;
    }
    await this.deps.health?.record({
      operation,
      failure: outcome.ok ? null : outcome.failure,
      durationMs: this.deps.clock.now() - started,
    });
    return outcome;
  }
}
