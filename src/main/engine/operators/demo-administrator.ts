import { appendEvent } from '../../events/append';
import type { EngineDeps } from '../deps';
import { temporaryPassword } from '../secrets';
import { findUser } from '../../users/user-row';
import { hashPassword } from './passwords';
import { endSessionsOf } from './sessions';

export const DEMO_ADMIN = { name: 'Demo Administrator', email: 'demo.admin@example.com', phone: '+447911123456' };

/**
 * `--demo`: the demo's administrator with a fresh random password (printed once by the shell that
 * started the demo). Created on the first demo start, its password replaced on every later one, so
 * whoever started the demo can always sign in (only the account the demo made: a user of that email
 * from elsewhere is left alone); its second factor goes to the simulated phone, which
 * the sign-in screen shows with the simulated provider.
 */
export async function demoAdministrator(deps: EngineDeps): Promise<{ email: string; password: string } | null> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const made = await deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const existing = await findUser(manager, DEMO_ADMIN.email);
    if (existing) {
      // Only the account the demo made itself: a real firm's user of that email is left alone.
      const [made] = (await manager.query(
        `SELECT 1 AS made FROM events WHERE type = 'user_added' AND user_email = ? AND details LIKE '%"demo":true%' LIMIT 1`,
        [DEMO_ADMIN.email],
      )) as { made: number }[];
      if (!made) return false;
      await manager.query(
        `UPDATE users SET password_hash = ?, password_set_at = ?, password_must_change = 0, updated_at = ? WHERE id = ?`,
        [passwordHash, now, now, existing.id],
      );
      await endSessionsOf(manager, existing.id, 'demo_password_replaced', now);
      return true;
    }
    await manager.query(
      `INSERT INTO users (name, email, role, status, phone_e164, phone_country, phone_type, two_factor,
         password_hash, password_set_at, created_at, updated_at)
       VALUES (?, ?, 'administrator', 'active', ?, 'GB', 'mobile', 'enabled', ?, ?, ?, ?)`,
      [DEMO_ADMIN.name, DEMO_ADMIN.email, DEMO_ADMIN.phone, passwordHash, now, now, now],
    );
    await appendEvent(manager, {
      occurredAt: now,
      type: 'user_added',
      userName: DEMO_ADMIN.name,
      userEmail: DEMO_ADMIN.email,
      userRole: 'administrator',
      phone: DEMO_ADMIN.phone,
      country: 'GB',
      reason: 'Demo administrator (npm start -- --demo)',
      details: { demo: true },
    });
    return true;
  });
  return made ? { email: DEMO_ADMIN.email, password } : null;
}
