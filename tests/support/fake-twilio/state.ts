import { randomInt } from 'node:crypto';
import { sid } from './formats';

/** A Verify verification as the fake keeps it. */
export interface FakeVerification {
  sid: string;
  to: string;
  code: string;
  status: 'pending' | 'approved' | 'canceled';
  sends: number;
  checks: number;
  createdAt: number;
  updatedAt: number;
}

/** A Programmable Messaging message in the account's log. */
export interface FakeMessage {
  sid: string;
  to: string;
  from: string;
  status: 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';
  errorCode: number | null;
  errorMessage: string | null;
  sentAt: number;
}

/** A Verify delivery attempt, with the channel data the Attempts API returns. */
export interface FakeAttempt {
  sid: string;
  verificationSid: string;
  to: string;
  messageStatus: 'DELIVERED' | 'UNDELIVERED' | 'FAILED' | 'SENT';
  errorCode: string | null;
  converted: boolean;
  createdAt: number;
  mcc?: string;
  mnc?: string;
}

/** Line type intelligence per number, as Lookup v2 answers it. */
export interface FakeLineType {
  type: string | null;
  carrier_name: string | null;
  mobile_country_code: string | null;
  mobile_network_code: string | null;
  error_code: number | null;
}

// Verify's defaults (reference/twilio.md): 10-minute codes, 5 checks, 5 sends without a check.
export const VERIFY_CODE_TTL_MS = 10 * 60_000;
export const VERIFY_MAX_CHECKS = 5;
export const VERIFY_MAX_SENDS = 5;

/** What the fake Twilio remembers: verifications by number, the message log, attempts, lookups. */
export class FakeTwilioState {
  readonly verifications = new Map<string, FakeVerification>();
  readonly messages: FakeMessage[] = [];
  readonly attempts: FakeAttempt[] = [];
  readonly lineTypes = new Map<string, FakeLineType>();

  constructor(
    readonly accountSid: string,
    readonly verifyServiceSid: string,
    readonly now: () => number,
  ) {}

  /** Starts or resends a verification for a number; returns it, or the Verify error to answer. */
  sendVerification(
    to: string,
  ): { ok: true; verification: FakeVerification } | { ok: false; status: number; code: number; message: string } {
    const now = this.now();
    const current = this.activeVerification(to);
    if (current && current.sends >= VERIFY_MAX_SENDS) {
      return { ok: false, status: 429, code: 60203, message: 'Max send attempts reached' };
    }
    const verification: FakeVerification = current ?? {
      sid: sid('VE'),
      to,
      code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      status: 'pending',
      sends: 0,
      checks: 0,
      createdAt: now,
      updatedAt: now,
    };
    verification.sends += 1;
    verification.updatedAt = now;
    this.verifications.set(to, verification);
    this.attempts.push({
      sid: sid('VL'),
      verificationSid: verification.sid,
      to,
      messageStatus: 'SENT',
      errorCode: null,
      converted: false,
      createdAt: now,
    });
    return { ok: true, verification };
  }

  /** The pending verification for a number, unless its 10 minutes have passed. */
  activeVerification(to: string): FakeVerification | null {
    const verification = this.verifications.get(to);
    if (!verification || verification.status !== 'pending') return null;
    if (this.now() - verification.createdAt >= VERIFY_CODE_TTL_MS) {
      this.verifications.delete(to);
      return null;
    }
    return verification;
  }

  /** The code the fake "texted" to a number, as a test's user would read it off the phone. */
  codeFor(to: string): string {
    const verification = this.activeVerification(to);
    if (!verification) throw new Error(`No pending verification for ${to}`);
    return verification.code;
  }

  addMessage(message: Partial<FakeMessage> & Pick<FakeMessage, 'to' | 'status' | 'sentAt'>): FakeMessage {
    const full: FakeMessage = {
      sid: sid('SM'),
      from: '+15005550006',
      errorCode: null,
      errorMessage: null,
      ...message,
    };
    this.messages.push(full);
    return full;
  }

  addAttempt(attempt: Partial<FakeAttempt> & Pick<FakeAttempt, 'to' | 'messageStatus' | 'createdAt'>): FakeAttempt {
    const full: FakeAttempt = {
      sid: sid('VL'),
      verificationSid: sid('VE'),
      errorCode: null,
      converted: false,
      ...attempt,
    };
    this.attempts.push(full);
    return full;
  }
}
