import { z } from 'zod';

/**
 * Who may call a method: `operator` (the default) needs a signed-in operator's session, taken
 * from the transport; `public` is the few steps before one exists (info, setup, the sign-in steps,
 * and a user's own sign-in).
 */
export type MethodAccess = 'operator' | 'public';

/** A method of the API: its input schema, who may call it, and (as a phantom type) its result. */
export interface MethodSpec<In extends z.ZodType = z.ZodType, Out = unknown> {
  input: In;
  access: MethodAccess;
  /** Never set at run time: carries the result type for the client and handlers. */
  output?: Out;
}

/** `method<Result>()(inputSchema)`: declares one API method a signed-in operator calls. */
export const method =
  <Out>() =>
  <In extends z.ZodType>(input: In): MethodSpec<In, Out> => ({ input, access: 'operator' });

/** `publicMethod<Result>()(inputSchema)`: a method callable without an operator's session. */
export const publicMethod =
  <Out>() =>
  <In extends z.ZodType>(input: In): MethodSpec<In, Out> => ({ input, access: 'public' });

/** The latest time JavaScript can hold as a Date (year 275760); later ones fail to format. */
export const MAX_TIME_MS = 8_640_000_000_000_000;

/** For methods that take nothing. Unknown keys are refused so typos do not pass silently. */
export const noInput = z.object({}).strict();

/**
 * Why an operator makes a change: every admin action and settings change records it in the
 * append-only event log beside the operator, so the audit trail says who did what and why.
 */
export const auditReason = () =>
  z
    .string()
    .trim()
    .min(3, 'give a reason of a few words; changes are audited with the operator and the reason')
    .max(500, 'is too long for a reason (at most 500 characters)');

/** An email address as every method takes it: trimmed, lower-cased, of a sane length. */
export const emailAddress = (message = 'must be an email address such as ana@example.com') =>
  z.string().trim().toLowerCase().max(320, 'is too long for an email address').email(message);
