import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/main/api';
import { openContext, type AppContext } from '../../../src/main/context';
import { KEEP_ALIVE_SECONDS, startWebShell, type WebShell } from '../../../src/main/web/server';
import { createClient, httpTransport } from '../../../src/shared/client';

let dir: string;
let ctx: AppContext;
let shell: WebShell;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-web-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
  ctx = await openContext({ shell: 'web', dataDir: dir });
  shell = await startWebShell({ api: createApi(ctx), rendererDir });
});

afterAll(async () => {
  await shell.close();
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: string;
  headers: Record<string, unknown>;
}

/** A raw request, so Host and Origin can be set to anything a hostile page could send. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: shell.port, path, method: options.method ?? 'POST', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ authorization: `Bearer ${shell.token}`, 'content-type': 'application/json' });

describe('the web shell', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shell.launchUrl).toBe(`${shell.url}/?token=${encodeURIComponent(shell.token)}`);
    expect(shell.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers API calls with the same envelope as IPC, through the client derived from the contract', async () => {
    const client = createClient(httpTransport(shell.url, shell.token));
    const info = await client.info({});
    expect(info.ok).toBe(true);
    if (info.ok) {
      expect(info.value.shell).toBe('web');
      expect(info.value.dbPath).toBe(join(dir, 'mfa-console.sqlite'));
      expect(info.value.counts).toEqual({ users: 0, staff: 0, events: 0 });
    }
  });

  it('refuses an API call without the token with 401', async () => {
    const reply = await send('/api/info', { body: '{}', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).error.code).toBe('UNAUTHORIZED');
  });

  it('refuses a wrong token with 401', async () => {
    const reply = await send('/api/info', {
      body: '{}',
      headers: { authorization: 'Bearer ' + 'x'.repeat(shell.token.length) },
    });
    expect(reply.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) with 403, even with the token', async () => {
    const reply = await send('/api/info', { body: '{}', headers: { ...auth(), host: `evil.example:${shell.port}` } });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body).error.message).toContain('evil.example');
  });

  it('refuses a foreign Origin (a page in another tab) with 403, even with the token', async () => {
    const reply = await send('/api/info', { body: '{}', headers: { ...auth(), origin: 'https://evil.example' } });
    expect(reply.status).toBe(403);
  });

  it('accepts its own Origin', async () => {
    const reply = await send('/api/info', { body: '{}', headers: { ...auth(), origin: shell.url } });
    expect(reply.status).toBe(200);
  });

  it('answers an unknown method with 400 naming it', async () => {
    const reply = await send('/api/eraseEverything', { body: '{}', headers: auth() });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: 'There is no API method named "eraseEverything".' },
    });
  });

  it('answers invalid input with 400 and the validation message naming the field', async () => {
    const reply = await send('/api/loadDemoData', { body: JSON.stringify({ users: 'many' }), headers: auth() });
    expect(reply.status).toBe(400);
    const body = JSON.parse(reply.body);
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toMatch(/^loadDemoData: users: /);
  });

  it('answers a body that is not JSON with 400', async () => {
    const reply = await send('/api/info', { body: '{not json', headers: auth() });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.message).toMatch(/not valid JSON/);
  });

  it('refuses a body declared larger than 1 MiB with 413 before reading it', async () => {
    const reply = await send('/api/info', { headers: { ...auth(), 'content-length': String(2 * 1024 * 1024) } });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error).toMatchObject({ code: 'TOO_LARGE' });
  });

  it('only takes POST for the API', async () => {
    const reply = await send('/api/info', { method: 'GET', headers: auth() });
    expect(reply.status).toBe(405);
  });

  it('serves the renderer with a strict CSP, and nothing outside its folder', async () => {
    const index = await send('/', { method: 'GET' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>console</title>');
    expect(String(index.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(index.headers['x-frame-options']).toBe('DENY');
    const escape = await send('/..%2fsecret.txt', { method: 'GET' });
    expect([403, 404]).toContain(escape.status);
    expect(escape.body).not.toContain('not for the browser');
  });

  it('answers 400 to malformed %-encoding or a NUL in a path instead of dropping the connection', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%ZZ.js', '/index.html%00.js']) {
      const reply = await send(path, { method: 'GET' });
      expect(reply.status, path).toBe(400);
    }
  });
  it('keeps idle connections open longer than Chromium does, so the browser is the side that closes them', async () => {
    const reply = await send('/api/info', { body: '{}', headers: { ...auth(), connection: 'keep-alive' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['keep-alive']).toBe(`timeout=${KEEP_ALIVE_SECONDS}`);
    expect(KEEP_ALIVE_SECONDS).toBeGreaterThan(300);
  });

  it('answers a TRANSPORT envelope, not a rejected promise, when the console does not answer', async () => {
    const gone = await startWebShell({ api: createApi(ctx), rendererDir: join(dir, 'renderer') });
    await gone.close();
    const client = createClient(httpTransport(gone.url, gone.token));
    const info = await client.info({});
    expect(info.ok).toBe(false);
    if (!info.ok) {
      expect(info.error.code).toBe('TRANSPORT');
      expect(info.error.message).toContain('did not answer info');
    }
  });
});
