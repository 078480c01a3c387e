/** The routes a test can script, by Twilio resource. */
export type FakeRoute =
  'verifications' | 'verificationCheck' | 'service' | 'lookup' | 'attempts' | 'messages' | 'account';

/** What the fake answers instead of its normal behaviour, once per scripted entry. */
export type ScriptedResponse =
  /** Twilio's legacy JSON error: {code, message, more_info, status}. */
  | { status: number; error: { code: number; message?: string }; headers?: Record<string, string> }
  /** An HTML error page, as a proxy or load balancer in front of Twilio answers a 500. */
  | { status: number; html: string }
  /** An RFC 9457 problem body (application/problem+json). */
  | { status: number; problem: { code: number; title: string; detail: string } }
  /** Any JSON body as given. */
  | { status: number; json: unknown }
  /** Accept the request and never answer, until the fake stops. */
  | { hang: true };
