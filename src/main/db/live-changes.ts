import { Client } from 'pg';
import type { Database } from './database';
import { EVENTS_CHANNEL } from './postgres/migrations/1795500200000-postgres-event-notify';
import { isPostgres, urlOf } from './postgres/url';

/** How often a local database file is looked at while a window waits (another process may write it). */
const LOCAL_POLL_MS = 1000;
/** A lost LISTEN connection is opened again after this long, then longer, up to the last. */
const RECONNECT_MS = [250, 1000, 2000, 5000];

/**
 * The newest event id, and a wait for a newer one: how every window learns that something changed
 * (a lock, a reset, a new event) in another console. On a team database it is PostgreSQL's
 * LISTEN/NOTIFY (the events table notifies on commit); on a local file, a look at the newest id
 * once a second while someone waits. Neither reads the log itself.
 */
export class LiveChanges {
  private newest = 0;
  /**
   * Counts the changes heard. Ids are handed out at insert but transactions commit in any order, so a
   * change can carry a lower id than one seen before it: every notification counts, whatever its id.
   */
  private changes = 0;
  private waiters = new Set<{ after: number; done: (version: number) => void }>();
  private retry: NodeJS.Timeout | null = null;
  private listener: Client | null = null;
  private poller: NodeJS.Timeout | null = null;
  private closed = false;
  private failures = 0;
  /** False while a team database's LISTEN connection is lost (the console reconnects by itself). */
  connected = true;

  private constructor(private readonly db: Database) {
    this.connected = !isPostgres(db.dataSource);
  }

  static async start(db: Database): Promise<LiveChanges> {
    const live = new LiveChanges(db);
    await live.readNewest();
    if (isPostgres(db.dataSource)) await live.listen();
    return live;
  }

  /** The 'notify' of a team database, or the 'poll' of a local file. */
  get via(): 'notify' | 'poll' {
    return isPostgres(this.db.dataSource) ? 'notify' : 'poll';
  }

  latest(): number {
    return this.newest;
  }

  /** How many changes this console has heard of (a window passes it back as `after`). */
  version(): number {
    return this.changes;
  }

  /**
   * Resolves with the version once it differs from `after` (a change; or a console restarted since
   * the window last asked), or with the version as it is after `timeoutMs`.
   */
  wait(after: number, timeoutMs: number): Promise<number> {
    if (this.changes !== after || this.closed) return Promise.resolve(this.changes);
    return new Promise((resolve) => {
      const waiter = {
        after,
        done: (version: number) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          if (this.waiters.size === 0) this.stopPolling();
          resolve(version);
        },
      };
      const timer = setTimeout(() => waiter.done(this.changes), timeoutMs);
      this.waiters.add(waiter);
      if (this.via === 'poll' || !this.connected) this.startPolling();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopPolling();
    if (this.retry) clearTimeout(this.retry);
    for (const waiter of [...this.waiters]) waiter.done(this.changes);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** A change heard: a notification (whatever its id), or a newer id found by a look at the log. */
  private changed(id: number): void {
    this.newest = Math.max(this.newest, id);
    this.changes += 1;
    for (const waiter of [...this.waiters]) waiter.done(this.changes);
  }

  private async readNewest(): Promise<void> {
    const [row] = await this.db.query<{ id: number | null }>('SELECT MAX(id) AS id FROM events');
    const id = Number(row?.id ?? 0);
    if (id > this.newest) this.changed(id);
  }

  private startPolling(): void {
    if (this.poller || this.closed) return;
    this.poller = setInterval(() => void this.readNewest().catch(() => undefined), LOCAL_POLL_MS);
    this.poller.unref();
  }

  private stopPolling(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }

  /** One connection of its own that LISTENs; lost, it is opened again, and what it missed is read once. */
  private async listen(): Promise<void> {
    this.retry = null;
    if (this.closed) return;
    const client = new Client({ connectionString: urlOf(this.db.dataSource), application_name: 'mfa-console live' });
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      client.end().catch(() => undefined);
      if (this.listener === client) this.listener = null;
      if (this.closed) return;
      this.connected = false;
      if (this.waiters.size > 0) this.startPolling();
      const delay = RECONNECT_MS[Math.min(this.failures++, RECONNECT_MS.length - 1)];
      this.retry = setTimeout(() => void this.listen(), delay);
      this.retry.unref();
    };
    client.on('notification', (message) => {
      if (message.channel === EVENTS_CHANNEL) this.changed(Number(message.payload));
    });
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch {
      lost();
      return;
    }
    if (this.closed) {
      gone = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.connected = true;
    this.failures = 0;
    if (this.waiters.size === 0) this.stopPolling();
    // Whatever was appended while no one listened.
    await this.readNewest().catch(() => undefined);
  }
}
