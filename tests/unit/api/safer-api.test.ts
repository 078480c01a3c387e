import { testDatabase } from '../../support/test-database';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../src/main/api';
import { openContext, type AppContext } from '../../../src/main/context';
import { FakeClock } from '../../../src/main/core/clock';
import { bootstrapAdmin, type SignedIn } from '../../support/operators';

let dir: string;
let ctx: AppContext;
let api: Api;
let ada: SignedIn;
const CAL = 'cal@example.com';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-safer-api-'));
  ctx = await openContext({ shell: 'web', dataDir: dir, dbPath: await testDatabase(), clock: new FakeClock() });
  api = createApi(ctx);
  ada = await bootstrapAdmin(api, ctx);
  await ada.value('addUser', {
    name: 'Cal Caller',
    email: CAL,
    role: 'employee',
    phone: '+447111222444',
    reason: 'New starter',
  });
});
afterEach(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const why = { reason: 'Caller verified' };

describe('safer changes through the API', () => {
  it('refuse every operator step without a session, and take the actor from the session only', async () => {
    for (const [method, input] of [
      ['changePhone', { email: CAL, phone: '+447111999888', ...why }],
      ['confirmPhoneChange', { email: CAL, code: '123456', ...why }],
      ['resetTwoFactor', { email: CAL, ...why }],
      ['issueTemporaryAccess', { email: CAL, ...why }],
      ['revokeTemporaryAccess', { email: CAL, ...why }],
      ['previewBulkAction', { action: 'unlock', emails: [CAL] }],
      ['runBulkAction', { action: 'unlock', emails: [CAL], ...why }],
      ['auditLog', {}],
      ['exportAudit', {}],
    ] as const) {
      expect(await api.call(method, input)).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    }
    const smuggled = await ada.call('issueTemporaryAccess', { email: CAL, actor: 'eve@example.com', ...why });
    expect(smuggled).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('name the field of bad input: minutes out of range, an empty selection, an unknown action', async () => {
    const short = await ada.call('issueTemporaryAccess', { email: CAL, minutes: 5, ...why });
    expect(short).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!short.ok && short.error.message).toContain('minutes: must be at least 10 minutes');
    const empty = await ada.call('runBulkAction', { action: 'unlock', emails: [], ...why });
    expect(!empty.ok && empty.error.message).toContain('emails: select at least one user');
    const action = await ada.call('auditLog', { action: 'sign_in_succeeded' });
    expect(!action.ok && action.error.message).toContain('action: is not an operator action');
  });

  it("a temporary access code is the user's own step: an operator's session cannot use it", async () => {
    // Ada, an administrator, rests the issue on how she verified Cal (no caller check of hers).
    const issued = await ada.value<{ temporaryAccess: { code: string } }>('issueTemporaryAccess', {
      email: CAL,
      verifiedAnotherWay: 'manager callback on the number in HR records',
      ...why,
    });
    const asOperator = await ada.call('useTemporaryAccess', { email: CAL, code: issued.temporaryAccess.code });
    expect(asOperator).toMatchObject({ ok: false, error: { code: 'OPERATOR_SESSION' } });
    const asUser = await api.call('useTemporaryAccess', { email: CAL, code: issued.temporaryAccess.code });
    expect(asUser).toMatchObject({ ok: true, value: { method: 'temporary_access' } });
    const audit = await ada.value<{ rows: { action: string; operator: string }[] }>('auditLog', {
      action: 'temporary_access_issued',
    });
    expect(audit.rows).toEqual([expect.objectContaining({ operator: 'ada@example.com' })]);
  });
});
