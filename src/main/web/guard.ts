import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The web shell's door checks. It binds 127.0.0.1 only, but a page in any browser
 * tab can still reach loopback, so: the Host must be ours (defeats DNS rebinding),
 * a cross-origin Origin is refused (defeats CSRF), and API calls need the per-launch
 * token (defeats everything else on the machine that did not see our URL).
 */
export interface GuardVerdict {
  status: 200 | 401 | 403;
  message?: string;
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function checkHostAndOrigin(req: IncomingMessage, port: number): GuardVerdict {
  const hosts = allowedHosts(port);
  const host = req.headers.host ?? '';
  if (!hosts.has(host)) return { status: 403, message: `Host "${host}" is not this console.` };
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin.startsWith('http://') && hosts.has(origin.slice('http://'.length)))) {
    return { status: 403, message: `Origin "${origin}" may not call this console.` };
  }
  return { status: 200 };
}

export function checkToken(req: IncomingMessage, token: string): GuardVerdict {
  const header = req.headers.authorization ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return { status: 401, message: 'Missing or wrong console token: open the URL the console printed.' };
  }
  return { status: 200 };
}
