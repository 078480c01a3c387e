import { randomBytes } from 'node:crypto';

/** A Twilio SID: two letters and 32 hex digits. */
export function sid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

/** ISO 8601 without milliseconds, as Verify and Lookup write dates (and twilio-node parses them). */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 2822 with +0000, as the 2010-04-01 API writes dates ("Sun, 22 Nov 2026 09:00:00 +0000"). */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, '+0000');
}

/** Twilio's legacy error body. */
export function errorBody(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

/** An RFC 9457 problem body, which twilio-node throws as TwilioServiceException. */
export function problemBody(status: number, code: number, title: string, detail: string, instance: string) {
  return { type: `https://www.twilio.com/docs/errors/${code}`, title, status, code, detail, instance };
}
