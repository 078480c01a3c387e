import { z } from 'zod';
import type { CodeSentValue } from './verify';
import { emailAddress, method, noInput, publicMethod } from './define';

/** A signed-in operator as the console shows them (top bar, audit). */
export interface OperatorSummary {
  id: number;
  name: string;
  email: string;
  role: 'administrator' | 'technician';
}

export type OperatorSignInStep =
  | {
      outcome: 'second_factor';
      /** Names this sign-in for its next steps (valid for the policy's session window); not a session. */
      pendingToken: string;
      operator: OperatorSummary;
      /** The registered phone, masked, when a code can go there. */
      sms: string | null;
      backupCodesRemaining: number;
    }
  | OperatorSignedIn;

export interface OperatorSignedIn {
  outcome: 'signed_in';
  operator: OperatorSummary;
  expiresAt: number;
  /** An administrator's first sign-in: their recovery codes, shown this once, in order. */
  recoveryCodes: string[] | null;
}

export interface OperatorSignInMessages {
  /** True with the simulated provider, whose messages the sign-in screen may show. */
  simulated: boolean;
  messages: { body: string; sentAt: number; phone: string }[];
}

/** Where the console stands for this window or tab: set up, signed in, locked. */
export interface SessionStatus {
  /** No operator can sign in yet: the setup screen creates the first administrator. */
  setupNeeded: boolean;
  operator: OperatorSummary | null;
  /** The session locked after 15 minutes idle: the password unlocks it. */
  locked: boolean;
  expiresAt: number | null;
  passwordAt: number | null;
  idleLockMs: number;
  reauthMs: number;
  /** Administrators left with 2FA on firm-wide, when fewer than two: the banner's words. */
  adminWarning: string | null;
}

const password = z.string().min(1, 'enter the password').max(200, 'is too long for a password');
const pendingToken = z.string().min(10).max(200);

export const operatorMethods = {
  sessionStatus: publicMethod<SessionStatus>()(noInput),
  operatorBootstrap: publicMethod<OperatorSummary>()(
    z
      .object({
        name: z.string().trim().min(1, 'give the name').max(200),
        email: emailAddress(),
        phone: z.string().max(60),
        country: z
          .string()
          .trim()
          .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code such as GB')
          .transform((c) => c.toUpperCase())
          .optional(),
        password: z.string().max(200),
      })
      .strict(),
  ),
  operatorSignIn: publicMethod<OperatorSignInStep>()(
    z.object({ email: emailAddress(), password, newPassword: z.string().max(200).optional() }).strict(),
  ),
  operatorSignInSendCode: publicMethod<CodeSentValue>()(z.object({ pendingToken }).strict()),
  operatorSignInMessages: publicMethod<OperatorSignInMessages>()(z.object({ pendingToken }).strict()),
  operatorSignInVerify: publicMethod<OperatorSignedIn>()(
    z
      .object({
        pendingToken,
        code: z.string().trim().min(1).max(20).optional(),
        backupCode: z.string().trim().min(1).max(40).optional(),
        rememberDevice: z.boolean().optional(),
        deviceLabel: z.string().trim().min(1).max(100).optional(),
      })
      .strict()
      .refine((v) => Boolean(v.code) !== Boolean(v.backupCode), {
        message: 'give either the code from the SMS or a backup code',
        path: ['code'],
      }),
  ),
  /**
   * The window locked itself after 15 minutes without a key or a click: the session locks at once
   * too, so reloading the page does not skip the password.
   */
  sessionLock: method<{ locked: true }>()(noInput),
  /** Unlocks a session the idle lock closed: the password again. */
  sessionUnlock: publicMethod<SessionStatus>()(z.object({ password }).strict()),
  /** The password again, for the high-risk actions that ask for it. */
  sessionReauthenticate: method<{ passwordAt: number }>()(z.object({ password }).strict()),
  signOut: publicMethod<{ signedOut: boolean }>()(noInput),
  operatorChangePassword: method<{ changedAt: number }>()(
    z.object({ current: password, next: z.string().max(200) }).strict(),
  ),
};
