import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody, problemBody, sid } from './formats';
import { routeRequest } from './routes';
import type { FakeRoute, ScriptedResponse } from './script';
import { FakeTwilioState } from './state';

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
  /** An API key that may act for the account (username SK…, password the secret). */
  apiKey?: { sid: string; secret: string };
  verifyServiceSid?: string;
  /** The fake's clock for verification expiry and dates; tests pass their FakeClock's. */
  now?: () => number;
}

/** One request as Twilio would have received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The form-encoded body, parsed. */
  form: URLSearchParams;
  contentType: string | undefined;
  /** The Basic auth pair, or null when none was sent. */
  auth: { username: string; password: string } | null;
  route: FakeRoute | null;
}

export interface Reply {
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * A Twilio look-alike on 127.0.0.1 for the real `twilio` client: Twilio's paths, form-encoded
 * fields, Basic auth and JSON shapes for Verify (Verifications, VerificationCheck, Services),
 * Lookup v2, Verify Attempts and the 2010-04-01 Messages list with paging. Each test scripts the
 * failures it needs with `script(route, ...responses)`; everything else behaves like Twilio.
 */
export class FakeTwilio {
  readonly state: FakeTwilioState;
  readonly requests: RecordedRequest[] = [];
  private readonly scripted = new Map<FakeRoute, ScriptedResponse[]>();
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | null = null;
  baseUrl = '';

  readonly accountSid: string;
  readonly authToken: string;
  readonly apiKey: { sid: string; secret: string } | null;
  readonly verifyServiceSid: string;

  constructor(options: FakeTwilioOptions = {}) {
    this.accountSid = options.accountSid ?? sid('AC');
    this.authToken = options.authToken ?? sid('').slice(0, 32);
    this.apiKey = options.apiKey ?? null;
    this.verifyServiceSid = options.verifyServiceSid ?? sid('VA');
    this.state = new FakeTwilioState(this.accountSid, this.verifyServiceSid, options.now ?? (() => Date.now()));
  }

  static async start(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
    const fake = new FakeTwilio(options);
    await fake.listen();
    return fake;
  }

  /** Queues answers for a route, used one per request in order before normal behaviour resumes. */
  script(route: FakeRoute, ...responses: ScriptedResponse[]): void {
    this.scripted.set(route, [...(this.scripted.get(route) ?? []), ...responses]);
  }

  /** Requests made to one route. */
  requestsTo(route: FakeRoute): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  /** Requests still waiting for an answer (scripted to hang). */
  get hangingCount(): number {
    return this.hanging.size;
  }

  /** Ends every hanging request and closes the server. */
  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.hanging.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const contentType = req.headers['content-type'];
    const form = contentType?.startsWith('application/x-www-form-urlencoded')
      ? new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
      : new URLSearchParams();
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      form,
      contentType,
      auth: parseBasicAuth(req.headers.authorization),
      route: null,
    };
    this.requests.push(recorded);

    const matched = routeRequest(recorded.method, url.pathname);
    recorded.route = matched?.route ?? null;
    if (!this.authorised(recorded.auth)) {
      return send(res, { status: 401, body: errorBody(401, 20003, 'Authenticate') });
    }
    const scripted = matched ? this.scripted.get(matched.route)?.shift() : undefined;
    if (scripted) return this.answerScripted(res, scripted, url.pathname);
    if (!matched) {
      return send(res, {
        status: 404,
        body: errorBody(404, 20404, `The requested resource ${url.pathname} was not found`),
      });
    }
    send(res, matched.handle(this.state, recorded));
  }

  private authorised(auth: RecordedRequest['auth']): boolean {
    if (!auth) return false;
    if (auth.username === this.accountSid && auth.password === this.authToken) return true;
    return !!this.apiKey && auth.username === this.apiKey.sid && auth.password === this.apiKey.secret;
  }

  private answerScripted(res: ServerResponse, scripted: ScriptedResponse, path: string): void {
    if ('hang' in scripted) {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if ('html' in scripted) {
      return send(res, { status: scripted.status, body: scripted.html, contentType: 'text/html; charset=utf-8' });
    }
    if ('problem' in scripted) {
      const { code, title, detail } = scripted.problem;
      return send(res, {
        status: scripted.status,
        body: problemBody(scripted.status, code, title, detail, path),
        contentType: 'application/problem+json',
      });
    }
    if ('error' in scripted) {
      const { code, message } = scripted.error;
      return send(res, {
        status: scripted.status,
        body: errorBody(scripted.status, code, message ?? `Error ${code}`),
        headers: scripted.headers,
      });
    }
    send(res, { status: scripted.status, body: scripted.json });
  }
}

function parseBasicAuth(header: string | undefined): RecordedRequest['auth'] {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function send(res: ServerResponse, reply: Reply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': reply.contentType ?? 'application/json',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}
