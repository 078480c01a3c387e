import type { DemoUser } from './users';

/**
 * What the demo generator injected: its ground truth, reported by `mfa-console seed --json` so the
 * detector's quality can be measured (`npm run bench`, tests/unit/incidents/quality.test.ts).
 * `incident: false` marks a pattern a good detector must not call an incident (the weekday-morning
 * congestion that comes back every weekday).
 */
export interface InjectedIncident {
  scenario:
    | 'provider-500'
    | 'provider-outage'
    | 'carrier-filtering'
    | 'slow-burn'
    | 'small-carrier'
    | 'morning-peak'
    | 'pumping';
  incident: boolean;
  kind: 'carrier' | 'provider' | 'pumping';
  key: {
    carrier: string | null;
    country: string | null;
    provider: string | null;
    providerCode: string | null;
    prefix: string | null;
  };
  /** The first and last failure (pumping: send) it added, unix ms. */
  start: number;
  end: number;
  failures: number;
  /** Sends it added (pumping, and paired sends of carrier incidents). */
  sends: number;
  /** Users of the key at the time (pumped numbers belong to nobody). */
  users: number;
}

export type KeyOf = InjectedIncident['key'];

export const keyOf = (parts: Partial<KeyOf>): KeyOf => ({
  carrier: null,
  country: null,
  provider: null,
  providerCode: null,
  prefix: null,
  ...parts,
});

/** Collects first/last/count of the events one scenario adds, as they are generated. */
export class Truth {
  readonly record: InjectedIncident;

  constructor(
    scenario: InjectedIncident['scenario'],
    kind: InjectedIncident['kind'],
    key: KeyOf,
    users: DemoUser[] | number,
    incident = true,
  ) {
    this.record = {
      scenario,
      incident,
      kind,
      key,
      start: Infinity,
      end: -Infinity,
      failures: 0,
      sends: 0,
      users: typeof users === 'number' ? users : users.length,
    };
  }

  failure(at: number): void {
    this.record.failures += 1;
    this.record.start = Math.min(this.record.start, at);
    this.record.end = Math.max(this.record.end, at);
  }

  send(at: number, counts: boolean): void {
    this.record.sends += 1;
    if (counts) {
      this.record.start = Math.min(this.record.start, at);
      this.record.end = Math.max(this.record.end, at);
    }
  }
}
