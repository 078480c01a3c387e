import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/main/api/handlers';
import { dispatch as dispatchCall, type Handlers } from '../../../src/main/api/dispatch';
import type { Operator } from '../../../src/main/engine/operators/sessions';

// The path rules, for a signed-in operator (sessions are tested in tests/unit/engine/operator-sign-in.test.ts).
const operator = { sessionId: 's', user: { email: 'ada@example.com', role: 'administrator' } } as unknown as Operator;
const dispatch = (h: Handlers, method: string, input: unknown) =>
  dispatchCall(h, method, input, { transport: 'web', caller: {}, operator: null, issued: {} }, async () => operator);
import { openContext, type AppContext, type ShellServices } from '../../../src/main/context';

let ctx: AppContext | null = null;
let dir = '';
afterEach(async () => {
  await ctx?.close();
  ctx = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(shell: 'web' | 'electron', services: ShellServices = {}) {
  dir = mkdtempSync(join(tmpdir(), 'mfa-export-path-'));
  ctx = await openContext({ shell, dataDir: dir, dbPath: ':memory:', services });
  return createHandlers(ctx);
}

describe('exportChoosePath', () => {
  it('in the web shell cannot choose, and suggests a file in an existing exports folder', async () => {
    const handlers = await open('web');
    const result = await dispatch(handlers, 'exportChoosePath', { suggestedName: 'mfa-events-2026-11-22.csv' });
    expect(result).toEqual({
      ok: true,
      value: { path: null, canChoose: false, suggested: join(dir, 'exports', 'mfa-events-2026-11-22.csv') },
    });
    expect(existsSync(join(dir, 'exports'))).toBe(true);
  });

  it('keeps a suggested name inside the exports folder whatever it contains', async () => {
    const handlers = await open('web');
    const result = await dispatch(handlers, 'exportChoosePath', { suggestedName: '../../etc/passwd' });
    expect(result.ok && (result.value as { suggested: string }).suggested).toBe(join(dir, 'exports', 'etc-passwd'));
  });

  it('in the desktop app asks the save dialog, and answers null when the operator cancels', async () => {
    const asked: string[] = [];
    let answer: string | null = '/home/op/Documents/chosen.csv';
    const handlers = await open('electron', {
      chooseSavePath: async (name) => {
        asked.push(name);
        return answer;
      },
    });
    const chosen = await dispatch(handlers, 'exportChoosePath', { suggestedName: 'mfa-events-2026-11-22.csv' });
    expect(chosen).toMatchObject({ ok: true, value: { path: '/home/op/Documents/chosen.csv', canChoose: true } });
    answer = null;
    const cancelled = await dispatch(handlers, 'exportChoosePath', { suggestedName: 'mfa-events-2026-11-22.csv' });
    expect(cancelled).toMatchObject({ ok: true, value: { path: null, canChoose: true } });
    expect(asked).toEqual(['mfa-events-2026-11-22.csv', 'mfa-events-2026-11-22.csv']);
  });

  it('refuses an empty name, naming the field', async () => {
    const handlers = await open('web');
    const result = await dispatch(handlers, 'exportChoosePath', { suggestedName: '  ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!result.ok && result.error.message).toContain('suggestedName');
  });
});
