import { z } from 'zod';
import { method, noInput } from './define';

export interface InfoValue {
  appVersion: string;
  shell: 'electron' | 'web' | 'cli';
  dataDir: string;
  dbPath: string;
  schemaVersion: number;
  latestMigration: string | null;
  provider: 'simulated' | 'twilio';
  counts: { users: number; events: number };
}

export interface DemoDataValue {
  users: number;
  events: number;
}

/** The console itself: what it runs on, and demo data for an empty one. */
export const systemMethods = {
  info: method<InfoValue>()(noInput),
  loadDemoData: method<DemoDataValue>()(
    z
      .object({
        users: z.number().int().min(1).max(100_000).optional(),
        events: z.number().int().min(0).max(10_000_000).optional(),
        seed: z.number().int().optional(),
      })
      .strict(),
  ),
};
