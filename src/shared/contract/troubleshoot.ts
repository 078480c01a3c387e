import { z } from 'zod';
import { emailAddress, method } from './define';
import type { CausedEvent, LikelyCause } from './incidents';
import type { LockView } from './users';

/** What the data already knows about a caller who cannot sign in. */
export interface TroubleshootFacts {
  asOf: number;
  user: {
    id: number;
    name: string;
    email: string;
    role: string;
    status: string;
    maskedPhone: string | null;
    country: string | null;
    phoneType: string | null;
    carrier: string | null;
    twoFactor: string;
    twoFactorDisabledUntil: number | null;
    lockedAt: number | null;
    /** While locked: by whom, when, with what reason. */
    lock: LockView | null;
    cooldownUntil: number | null;
    notMyNumberAt: number | null;
    lastSignInAt: number | null;
    /** When Twilio Lookup last said which line type and carrier the number is; null if never. */
    phoneLookedUpAt: number | null;
  };
  /** Error events of this user in the last 30 days, by type. */
  recentErrors: { type: string; count: number; last: number }[];
  firstRecentError: number | null;
  lastError: number | null;
  /** Hours of the day (0–23, UTC) at which this user's errors happened, last 30 days. */
  errorHours: number[];
  /** Carrier error codes seen for this user in the last 30 days. */
  carrierCodes: { code: string; count: number }[];
  codesSent7d: number;
  successes7d: number;
  everSucceeded: boolean;
  lastSuccessAt: number | null;
  phoneChangedAt: number | null;
  /** Other users with SMS failures on the same carrier in the last 7 days. */
  sameCarrierAffectedUsers: number;
  sameCarrierUsers: number;
  /** Users with any SMS or provider failure in the last 24 hours, and on how many carriers. */
  affectedUsers24h: number;
  affectedCarriers24h: number;
  providerFailures24h: number;
  firmWideTwoFactor: boolean | null;
  /** Unused backup codes of the user's current set (never the codes). */
  backupCodesRemaining: number;
  /** Active administrators other than this user: who could disable their 2FA. */
  otherActiveAdministrators: number;
  /**
   * Set when the facts come from an investigation workspace's imported events (null on the live
   * database): the caller found there by email or phone, windows ending at the caller's newest
   * imported event (`asOf`), and the live-only facts listed as not available.
   */
  workspace: WorkspaceCallerFacts | null;
  /**
   * The likely-cause rule (docs/incidents.md): the incident behind the current lock or cooldown, and
   * the user's recent locks, cooldowns, wrong codes and expiries it ties to an incident. Optional: a
   * saved facts object from an older build has neither.
   */
  likelyCause?: { current: LikelyCause | null; events: CausedEvent[] };
}

export interface WorkspaceCallerFacts {
  /** The workspace's file name. */
  name: string;
  foundBy: 'email' | 'phone';
  /** The caller's imported events, and their span. */
  events: number;
  firstEventAt: number;
  lastEventAt: number;
  failedDeliveries: number;
  locksSeen: number;
  lastLockSeenAt: number | null;
  cooldownsSeen: number;
  lastCooldownSeenAt: number | null;
  /** What only the live database knows, shown as not available in a workspace. */
  liveOnly: string[];
}

export const troubleshootMethods = {
  troubleshootFacts: method<TroubleshootFacts>()(
    z
      .object({
        email: emailAddress().optional(),
        /** In a workspace, a caller whose imported events name no email is found by phone. */
        phone: z
          .string()
          .trim()
          .regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 (+ and 7 to 15 digits)')
          .optional(),
      })
      .strict()
      .refine((v) => (v.email === undefined) !== (v.phone === undefined), {
        message: "name the caller's email, or (in a workspace) phone: one of the two",
        path: ['email'],
      }),
  ),
};
