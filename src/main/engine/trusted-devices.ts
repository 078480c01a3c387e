import type { EntityManager } from 'typeorm';
import type { TrustedDeviceView } from '../../shared/contract/users';
import { appendEvent } from '../events/append';
import { policyTimes, type Policy } from '../settings/policy';
import { hashDeviceToken, newDeviceToken } from './secrets';
import { changes, eventUser, type UserRow } from '../users/user-row';

interface DeviceRow {
  id: number;
  user_id: number;
  label: string;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/**
 * "Remember this device": a random token the device keeps (a cookie in the documents' product);
 * only its hash is stored. It skips the code until it expires (30 days from the sign-in that
 * issued it) or is revoked; a new device or a cleared token means a code again.
 */
export async function trustDevice(
  manager: EntityManager,
  user: UserRow,
  policy: Policy,
  now: number,
  label: string | undefined,
  sessionId: string | null,
): Promise<{ token: string; expiresAt: number }> {
  const token = newDeviceToken();
  const expiresAt = now + policyTimes(policy).trustedDeviceMs;
  const name = label ?? 'Unnamed device';
  await manager.query(
    'INSERT INTO trusted_devices (user_id, token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    [user.id, hashDeviceToken(token), name, now, expiresAt],
  );
  await appendEvent(manager, {
    occurredAt: now,
    type: 'device_trusted',
    ...eventUser(user),
    sessionId,
    details: { label: name, expiresAt },
  });
  return { token, expiresAt };
}

/** Marks the device used and answers true when the token is this user's, unrevoked and unexpired. */
export async function useTrustedDevice(
  manager: EntityManager,
  userId: number,
  token: string,
  now: number,
): Promise<boolean> {
  await manager.query(
    `UPDATE trusted_devices SET last_used_at = ?
     WHERE token_hash = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?`,
    [now, hashDeviceToken(token), userId, now],
  );
  return (await changes(manager)) === 1;
}

export async function revokeTrustedDevices(manager: EntityManager, userId: number, now: number): Promise<number> {
  await manager.query(
    `UPDATE trusted_devices SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?`,
    [now, userId, now],
  );
  return changes(manager);
}

export async function countActiveDevices(manager: EntityManager, userId: number, now: number): Promise<number> {
  const [row] = (await manager.query(
    'SELECT COUNT(*) AS n FROM trusted_devices WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?',
    [userId, now],
  )) as { n: number }[];
  return Number(row.n);
}

/** The user's devices, newest first; expired and revoked ones stay listed for the helpdesk. */
export async function listTrustedDevices(
  manager: EntityManager,
  userId: number,
  now: number,
): Promise<TrustedDeviceView[]> {
  const rows = (await manager.query(
    `SELECT id, user_id, label, created_at, expires_at, last_used_at, revoked_at FROM trusted_devices
     WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT 50`,
    [userId],
  )) as DeviceRow[];
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    active: row.revoked_at === null && row.expires_at > now,
  }));
}
