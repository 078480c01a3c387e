import { z } from 'zod';
import { auditReason, method, noInput } from './define';

/** Which database this console runs on, and the team database Settings keeps for the next start. */
export interface TeamDatabaseView {
  /** What is open now; `display` never carries a password. */
  active: {
    kind: 'sqlite' | 'postgres';
    display: string;
    source: 'option' | 'environment' | 'settings' | 'default';
  };
  /** The team database saved in Settings (password replaced by ***), or null. */
  saved: string | null;
  /** Whether the saved address comes with a password (kept with the other secrets). */
  savedHasPassword: boolean;
  /** MFA_CONSOLE_DATABASE_URL is set: it wins over Settings until it is removed. */
  environmentOverrides: boolean;
  /** Saved and open differ: the console switches at its next start. */
  restartNeeded: boolean;
  /** Where the password is kept: a 0600 file, or encrypted by the OS keychain. */
  secretStore: 'file' | 'safe-storage';
}

export interface TeamDatabaseTestValue {
  /** e.g. "PostgreSQL 18.4". */
  server: string;
  /** empty: a new database the console will set up; current; older: migrated at the next start; newer: a newer console's. */
  schema: 'empty' | 'current' | 'older' | 'newer';
  schemaVersion: number;
  /** People in its directory (null for an empty database). */
  users: number | null;
}

const address = z
  .string()
  .trim()
  .min(1, 'give the address, such as postgres://helpdesk@db.example.org:5432/mfa_console')
  .max(2000, 'is too long for a database address');
const password = z.string().max(1000, 'is too long for a password').optional();

/** Settings → Team database (administrators; the password goes to the secret store, never back). */
export const teamDatabaseMethods = {
  teamDatabaseGet: method<TeamDatabaseView>()(noInput),
  teamDatabaseTest: method<TeamDatabaseTestValue>()(z.object({ url: address, password }).strict()),
  teamDatabaseSave: method<TeamDatabaseView>()(
    z.object({ url: address.nullable(), password, reason: auditReason() }).strict(),
  ),
};
