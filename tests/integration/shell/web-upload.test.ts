import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/main/api';
import { openContext, type AppContext } from '../../../src/main/context';
import { startWebShell, type WebShell } from '../../../src/main/web/server';
import { fixtureOperator } from '../../support/operators';

let dir: string;
let uploads: string;
let ctx: AppContext;
let shell: WebShell;
let cookie: string;
const FILE = join(__dirname, '../../fixtures/import/twilio-messages.csv');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-upload-'));
  uploads = join(dir, 'uploads');
  mkdirSync(join(dir, 'renderer'));
  ctx = await openContext({ shell: 'web', dataDir: dir });
  const api = createApi(ctx);
  shell = await startWebShell({ api, rendererDir: join(dir, 'renderer'), uploadDir: uploads, uploadLimit: 4096 });
  const ada = await fixtureOperator(api, ctx);
  cookie = `mfa_session_${shell.port}=${ada.caller.sessionToken}`;
});
afterAll(async () => {
  await shell.close();
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

function upload(headers: Record<string, string>, body: Buffer, name = 'twilio-messages.csv') {
  return new Promise<{
    status: number;
    json: { ok: boolean; value?: { path: string; size: number }; error?: { code: string } };
  }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: shell.port,
        path: `/api/upload?name=${encodeURIComponent(name)}`,
        method: 'POST',
        headers: { host: `127.0.0.1:${shell.port}`, 'content-type': 'application/octet-stream', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error),
    );
    req.end(body);
  });
}

const good = () => ({ authorization: `Bearer ${shell.token}`, cookie });
const uploaded = () => (existsSync(uploads) ? readdirSync(uploads).length : 0);

describe('the web shell upload endpoint', () => {
  it('streams a signed-in operator’s file to a private file of the data directory', async () => {
    const body = readFileSync(FILE);
    const reply = await upload(good(), body, '../../etc/passwd twilio.csv');
    expect(reply.status).toBe(200);
    expect(reply.json.value!.size).toBe(body.length);
    expect(reply.json.value!.path.startsWith(uploads)).toBe(true);
    expect(reply.json.value!.path).not.toContain('..');
    expect(readFileSync(reply.json.value!.path)).toEqual(body);
  });

  it.each([
    ['no token', () => ({ cookie }), 401, 'UNAUTHORIZED'],
    ['a wrong token', () => ({ authorization: 'Bearer nope', cookie }), 401, 'UNAUTHORIZED'],
    ['no session cookie', () => ({ authorization: `Bearer ${shell.token}` }), 401, 'SIGN_IN_REQUIRED'],
    ['another site’s Origin', () => ({ ...good(), origin: 'http://evil.example' }), 403, 'FORBIDDEN'],
    ['another Host', () => ({ ...good(), host: 'evil.example:80' }), 403, 'FORBIDDEN'],
  ])('refuses %s, and keeps nothing', async (_what, headers, status, code) => {
    const before = uploaded();
    const reply = await upload(headers(), readFileSync(FILE));
    expect(reply.status).toBe(status);
    expect(reply.json.error?.code).toBe(code);
    expect(uploaded()).toBe(before);
  });

  it('refuses a file over the size limit, and removes what it had written', async () => {
    const before = uploaded();
    const reply = await upload(good(), Buffer.alloc(10_000, 'a'));
    expect(reply.status).toBe(413);
    expect(reply.json.error?.code).toBe('UPLOAD_TOO_LARGE');
    expect(uploaded()).toBe(before);
    // Without a declared length too: counted as it streams.
    const chunked = await upload({ ...good(), 'transfer-encoding': 'chunked' }, Buffer.alloc(10_000, 'b'));
    expect(chunked.json.error?.code).toBe('UPLOAD_TOO_LARGE');
    expect(uploaded()).toBe(before);
  });
});
