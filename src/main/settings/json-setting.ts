import type { EntityManager } from 'typeorm';

/** A JSON value from the settings table, or the fallback when unset or unreadable. */
export async function readSetting<T>(manager: EntityManager, key: string, fallback: T): Promise<T> {
  const rows = (await manager.query('SELECT value FROM settings WHERE key = ?', [key])) as { value: string }[];
  if (!rows.length) return fallback;
  try {
    return JSON.parse(rows[0].value) as T;
  } catch {
    return fallback;
  }
}

export async function writeSetting(manager: EntityManager, key: string, value: unknown, now: number): Promise<void> {
  await manager.query(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [key, JSON.stringify(value), now],
  );
}
