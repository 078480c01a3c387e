import type { Database } from '../db/database';
import type { ProviderId } from '../providers/provider';

/** Which SMS provider is active: the simulated one unless Settings chose Twilio. */
export async function activeProviderId(db: Database): Promise<ProviderId> {
  const rows = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'sms_provider'`);
  return rows.length && JSON.parse(rows[0].value) === 'twilio' ? 'twilio' : 'simulated';
}
