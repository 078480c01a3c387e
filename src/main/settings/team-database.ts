import type { TeamDatabaseTestValue, TeamDatabaseView } from '../../shared/contract/team-database';
import type { Clock } from '../core/clock';
import { DomainError } from '../core/domain-error';
import { openDatabase, schemaState } from '../db/data-source';
import type { Database } from '../db/database';
import { checkTeamDatabaseUrl, DATABASE_URL_ENV, TEAM_DATABASE_SECRET, type DatabaseLocation } from '../db/location';
import { redactUrl, urlHasPassword } from '../db/postgres/url';
import { appendEvent } from '../events/append';
import type { SecretStore } from '../secrets';
import { requireOperator } from '../users/operators';

export interface TeamDatabaseDeps {
  /** The live database, where the change is audited. */
  db: Database;
  clock: Clock;
  secrets: SecretStore;
  /** What this console opened at start. */
  database: DatabaseLocation;
  env?: NodeJS.ProcessEnv;
}

/** The address without its password: what decides whether a saved password may go with it. */
function addressOf(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  for (const name of ['password', 'sslpassword']) parsed.searchParams.delete(name);
  return parsed.toString();
}

/**
 * The address with the password to send: the one typed now, else the saved one, but only to the
 * very address it was saved for (a saved password never goes to a host it was not given for).
 */
async function withPassword(secrets: SecretStore, url: string, password: string | undefined): Promise<string> {
  const parsed = new URL(checkTeamDatabaseUrl(url, 'url'));
  if (password) parsed.password = encodeURIComponent(password);
  else if (!parsed.password) {
    const saved = await secrets.get(TEAM_DATABASE_SECRET);
    if (saved && addressOf(saved) === addressOf(parsed.toString())) parsed.password = new URL(saved).password;
  }
  return parsed.toString();
}

export async function teamDatabaseView(deps: TeamDatabaseDeps): Promise<TeamDatabaseView> {
  const saved = await deps.secrets.get(TEAM_DATABASE_SECRET);
  const fromEnv = Boolean((deps.env ?? process.env)[DATABASE_URL_ENV]?.trim());
  const wanted = fromEnv ? deps.database.target : saved;
  return {
    active: { kind: deps.database.kind, display: deps.database.display, source: deps.database.source },
    saved: saved ? redactUrl(saved) : null,
    savedHasPassword: saved ? urlHasPassword(saved) : false,
    environmentOverrides: fromEnv,
    restartNeeded:
      deps.database.source !== 'option' &&
      (wanted
        ? deps.database.kind !== 'postgres' || addressOf(wanted) !== addressOf(deps.database.target)
        : deps.database.kind === 'postgres'),
    secretStore: deps.secrets.kind,
  };
}

/** Connects, reads the schema's state and the directory's size, and disconnects; changes nothing. */
async function probe(url: string): Promise<TeamDatabaseTestValue> {
  const dataSource = await openDatabase({ path: url, migrate: false });
  try {
    const [row] = (await dataSource.query('SELECT version() AS v')) as { v: string }[];
    const state = await schemaState(dataSource);
    const schema =
      state.unknown.length > 0
        ? 'newer'
        : state.schemaVersion === 0
          ? 'empty'
          : state.pending.length
            ? 'older'
            : 'current';
    let users: number | null = null;
    if (schema !== 'empty') {
      const [count] = (await dataSource.query('SELECT COUNT(*) AS n FROM users')) as { n: number }[];
      users = Number(count.n);
    }
    return { server: /^\S+ \S+/.exec(row.v)?.[0] ?? row.v, schema, schemaVersion: state.schemaVersion, users };
  } finally {
    await dataSource.destroy().catch(() => undefined);
  }
}

export async function testTeamDatabase(
  deps: TeamDatabaseDeps,
  input: { actor: string; url: string; password?: string },
): Promise<TeamDatabaseTestValue> {
  await deps.db.read((manager) => requireOperator(manager, input.actor, 'test a team database', true));
  return probe(await withPassword(deps.secrets, input.url, input.password));
}

async function storeSecret(secrets: SecretStore, url: string | null): Promise<void> {
  try {
    await secrets.setMany({ [TEAM_DATABASE_SECRET]: url });
  } catch (error) {
    throw new DomainError(
      'SECRETS_NOT_SAVED',
      `The team database could not be kept with the other secrets (${(error as Error).message}); nothing was changed.`,
    );
  }
}

/**
 * Saves the team database the console opens at its next start (or, with null, goes back to this
 * computer's database), after a connection test: an address that cannot be reached, or one a newer
 * console upgraded, is refused with the reason and nothing is saved. Audited as settings_changed;
 * the password goes to the secret store and never into the log.
 */
export async function saveTeamDatabase(
  deps: TeamDatabaseDeps,
  input: { actor: string; reason: string; url: string | null; password?: string },
): Promise<TeamDatabaseView> {
  await deps.db.read((manager) => requireOperator(manager, input.actor, 'change the team database', true));
  const before = await deps.secrets.get(TEAM_DATABASE_SECRET);
  let next: string | null = null;
  let tested: TeamDatabaseTestValue | null = null;
  if (input.url !== null) {
    next = await withPassword(deps.secrets, input.url, input.password);
    tested = await probe(next);
    if (tested.schema === 'newer') {
      throw new DomainError(
        'SCHEMA_TOO_NEW',
        `url: ${redactUrl(next)} was upgraded by a newer version of the console; install that version before moving onto it.`,
      );
    }
  }
  if ((before ?? null) === next) return teamDatabaseView(deps);
  const shown = (url: string | null) => (url ? redactUrl(url) : "this computer's database");
  try {
    await deps.db.transaction(async (manager) => {
      await appendEvent(manager, {
        occurredAt: deps.clock.now(),
        type: 'settings_changed',
        actor: input.actor,
        reason: input.reason,
        message: `Settings changed: team database from ${shown(before)} to ${shown(next)} (used from the next start)`,
        details: {
          key: 'teamDatabase',
          from: shown(before),
          to: shown(next),
          ...(tested ? { schema: tested.schema, server: tested.server } : {}),
        },
      });
      // Inside the audit's transaction: a store that refuses (no OS encryption, a full disk) leaves
      // no record of a change that did not happen.
      await storeSecret(deps.secrets, next);
    });
  } catch (error) {
    // The record did not commit: put back what was saved, so nothing changes unrecorded.
    await deps.secrets.setMany({ [TEAM_DATABASE_SECRET]: before ?? null }).catch(() => undefined);
    throw error;
  }
  return teamDatabaseView(deps);
}
