import { z } from 'zod';

/** A method of the API: its input schema, and (as a phantom type) its result. */
export interface MethodSpec<In extends z.ZodType = z.ZodType, Out = unknown> {
  input: In;
  /** Never set at run time: carries the result type for the client and handlers. */
  output?: Out;
}

/** `method<Result>()(inputSchema)`: declares one API method. */
export const method =
  <Out>() =>
  <In extends z.ZodType>(input: In): MethodSpec<In, Out> => ({ input });

/** For methods that take nothing. Unknown keys are refused so typos do not pass silently. */
export const noInput = z.object({}).strict();

/** An email address as every method takes it: trimmed, lower-cased, of a sane length. */
export const emailAddress = (message = 'must be an email address such as ana@example.com') =>
  z.string().trim().toLowerCase().max(320, 'is too long for an email address').email(message);
