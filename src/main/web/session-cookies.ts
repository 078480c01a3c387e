import type { IncomingMessage } from 'node:http';
import type { Caller, Issued } from '../api';

/**
 * The web shell keeps an operator's session in an HttpOnly cookie, so page script never holds it
 * (a script injected into the page could not carry it away), and a remembered device in another.
 * SameSite=Strict and the Host/Origin checks keep other sites from using them; the name carries the
 * port, since cookies are per host and another console may listen on another port.
 */
export class SessionCookies {
  port = 0;

  private names() {
    return { session: `mfa_session_${this.port}`, device: `mfa_device_${this.port}` };
  }

  caller(req: IncomingMessage): Caller {
    const jar = parseCookies(req.headers.cookie);
    const names = this.names();
    return {
      sessionToken: jar.get(names.session) ?? null,
      deviceToken: jar.get(names.device) ?? null,
      // The page says whether a person did something since its last call (a background refresh does not
      // keep the session from the idle lock).
      activity: req.headers['x-console-activity'] !== '0',
    };
  }

  issue(issued: Issued): string[] {
    const names = this.names();
    const out: string[] = [];
    const cookie = (name: string, value: string, maxAgeSeconds: number) =>
      `${name}=${value}; Path=/api; HttpOnly; SameSite=Strict; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`;
    if (issued.session === null) out.push(cookie(names.session, '', 0));
    else if (issued.session) {
      out.push(cookie(names.session, issued.session.token, (issued.session.expiresAt - Date.now()) / 1000));
    }
    if (issued.device)
      out.push(cookie(names.device, issued.device.token, (issued.device.expiresAt - Date.now()) / 1000));
    return out;
  }
}

function parseCookies(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (/^[A-Za-z0-9_-]+$/.test(value)) jar.set(name, value);
  }
  return jar;
}
