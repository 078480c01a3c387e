import { describe, expect, it } from 'vitest';
import { settle } from '../../../src/renderer/src/pages/explorer/settle';
import type { Result } from '../../../src/shared/result';

const transport: Result<number> = { ok: false, error: { code: 'TRANSPORT', message: 'socket hang up' } };

function calls(...answers: Array<Result<number> | Error>) {
  let n = 0;
  const run = async (): Promise<Result<number>> => {
    const answer = answers[n++];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { run, count: () => n };
}

describe('settle', () => {
  it('retries once when the console did not answer, and shows the second answer', async () => {
    const c = calls(transport, { ok: true, value: 7 });
    expect(await settle(c.run)).toEqual({ ok: true, value: 7 });
    expect(c.count()).toBe(2);
  });

  it('turns a thrown error into a TRANSPORT envelope after one retry', async () => {
    const c = calls(new Error('fetch failed'), new Error('fetch failed'));
    const result = await settle(c.run);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'TRANSPORT' });
    expect(c.count()).toBe(2);
  });

  it('never repeats a call that must run once, nor one the console refused', async () => {
    const once = calls(transport, { ok: true, value: 1 });
    expect(await settle(once.run, false)).toEqual(transport);
    expect(once.count()).toBe(1);
    const refused = calls({ ok: false, error: { code: 'INVALID_INPUT', message: 'bad' } }, { ok: true, value: 1 });
    expect((await settle(refused.run)).ok).toBe(false);
    expect(refused.count()).toBe(1);
  });
});
