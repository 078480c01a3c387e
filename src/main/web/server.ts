import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../api';
import { checkHostAndOrigin, checkToken } from './guard';
import { SessionCookies } from './session-cookies';
import { SECURITY_HEADERS, serveStatic } from './static-files';
import { receiveUpload, safeUploadName, uploadLimit } from './upload';

export interface WebShellOptions {
  api: Api;
  /** The built renderer folder (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Defaults to a fresh random token per launch. */
  token?: string;
  /** Called once, when a request first presents the token (the browser tab has it). */
  onTokenUsed?: () => void;
  /** Where POST /upload streams files to import (the data directory's uploads folder); absent: no uploads. */
  uploadDir?: string;
  /** Largest upload in bytes (default: uploadLimit(), 2 GiB or MFA_CONSOLE_UPLOAD_LIMIT_MB). */
  uploadLimit?: number;
}

export interface WebShell {
  url: string;
  /** The URL to open: carries the token, which the renderer then keeps in memory. */
  launchUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than
 * Chromium's idle-socket timeout, so a request the page sends just as the server closes the
 * socket was lost. Keeping idle sockets longer than the browser does means the browser is
 * always the one that closes them. Ctrl-C still ends at once: close() drops every connection.
 */
export const KEEP_ALIVE_SECONDS = 310;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

function readBody(req: IncomingMessage): Promise<string | null> {
  // A body declared too large is refused before a byte of it is read.
  if (Number(req.headers['content-length']) > MAX_BODY) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const STATUS_FOR_CODE: Record<string, number> = { INVALID_INPUT: 400, UNKNOWN_METHOD: 400, INTERNAL: 500 };

async function handleApi(
  api: Api,
  cookies: SessionCookies,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'API calls are POST requests.');
  const body = await readBody(req);
  if (body === null) {
    // Answer first, then drop the connection so the rest of the body is never read.
    res.setHeader('Connection', 'close');
    res.on('finish', () => req.destroy());
    return refuse(res, 413, 'TOO_LARGE', 'The request body is larger than 1 MiB.');
  }
  let input: unknown = {};
  if (body.trim()) {
    try {
      input = JSON.parse(body);
    } catch (error) {
      return refuse(res, 400, 'INVALID_INPUT', `The request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  const { result, issued } = await api.invoke(method, input, cookies.caller(req));
  for (const cookie of cookies.issue(issued)) res.appendHeader('Set-Cookie', cookie);
  sendJson(res, result.ok ? 200 : (STATUS_FOR_CODE[result.error.code] ?? 200), result);
}

/**
 * POST /api/upload?name=<file name> (under /api, where the session cookie is sent): a file to import, as the raw body. Guarded like the API (the door's
 * Host and Origin checks and the token, before this) and by the operator's session cookie: only a
 * signed-in operator may put a file on this machine. Answers `{ ok, value: { path, name, size } }`.
 */
async function handleUpload(
  options: WebShellOptions,
  cookies: SessionCookies,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Uploads are POST requests.');
  const drop = () => {
    res.setHeader('Connection', 'close');
    res.on('finish', () => req.destroy());
  };
  if (!options.uploadDir) {
    drop();
    return refuse(res, 404, 'NOT_FOUND', 'This console takes no uploads.');
  }
  const session = await options.api.call('sessionStatus', {}, { ...cookies.caller(req), activity: true });
  const status = session.ok ? (session.value as { operator: unknown; locked: boolean }) : null;
  const signedIn = status?.operator && !status.locked;
  if (!signedIn) {
    drop();
    return refuse(res, 401, 'SIGN_IN_REQUIRED', 'Sign in to the console before uploading a file to import.');
  }
  const outcome = await receiveUpload(
    req,
    options.uploadDir,
    safeUploadName(url.searchParams.get('name')),
    options.uploadLimit ?? uploadLimit(),
  );
  if (!outcome.ok) {
    drop();
    return refuse(res, outcome.status, outcome.code, outcome.message);
  }
  sendJson(res, 200, { ok: true, value: { path: outcome.path, name: outcome.name, size: outcome.size } });
}

/** The web shell: the built renderer and the same API on 127.0.0.1, behind a per-launch token. */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const cookies = new SessionCookies();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const door = checkHostAndOrigin(req, port);
    if (door.status !== 200) return refuse(res, door.status, 'FORBIDDEN', door.message ?? 'Forbidden');
    if (url.pathname.startsWith('/api/')) {
      const auth = checkToken(req, token);
      if (auth.status !== 200) return refuse(res, auth.status, 'UNAUTHORIZED', auth.message ?? 'Unauthorized');
      if (options.onTokenUsed) {
        const used = options.onTokenUsed;
        options.onTokenUsed = undefined;
        used();
      }
      if (url.pathname === '/api/upload') {
        handleUpload(options, cookies, url, req, res).catch((error: unknown) => {
          refuse(res, 500, 'INTERNAL', error instanceof Error ? error.message : String(error));
        });
        return;
      }
      handleApi(options.api, cookies, url.pathname.slice('/api/'.length), req, res).catch((error: unknown) => {
        refuse(res, 500, 'INTERNAL', error instanceof Error ? error.message : String(error));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Only GET.');
    serveStatic(options.rendererDir, url.pathname, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = KEEP_ALIVE_SECONDS * 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  cookies.port = port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    launchUrl: `${url}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
