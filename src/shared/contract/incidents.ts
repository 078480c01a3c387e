import { z } from 'zod';
import { DETECTOR_FIELDS, type DetectorFieldInfo, type DetectorSettings } from '../incident-settings';
import { MAX_TIME_MS, auditReason, emailAddress, method, noInput } from './define';

export const INCIDENT_KINDS = ['carrier', 'country', 'provider', 'error', 'pumping'] as const;
export type IncidentKindId = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_USER_ROLES = ['failed', 'locked', 'cooldown'] as const;
export type IncidentUserRole = (typeof INCIDENT_USER_ROLES)[number];

/** What an incident is about; absent parts are null. */
export interface IncidentKey {
  carrier: string | null;
  country: string | null;
  provider: string | null;
  providerCode: string | null;
  prefix: string | null;
}

export interface IncidentSummary {
  id: number;
  kind: IncidentKindId;
  /** For pumping: 'country' or 'prefix'; otherwise the kind. */
  keyKind: string;
  key: IncidentKey;
  /** "Carrier Glo Mobile", "Error 30007 (filtered by carrier)", "Pumping to +234909…". */
  label: string;
  /** The onset: the first failure (pumping: send) after the change point. Unix ms. */
  startedAt: number;
  /** When the test fired (the end of that hour, or now). */
  detectedAt: number;
  /** The last failure of a closed incident; null while ongoing. */
  endedAt: number | null;
  failures: number;
  sends: number;
  /** Successful checks during it (pumping's conversion). */
  conversions: number;
  affectedUsers: number;
  /** failures / sends over the incident (pumping: conversions / sends). */
  rate: number | null;
  peakRate: number;
  /** What the key usually fails at for those hours (pumping: its usual conversion). */
  baselineRate: number;
  pValue: number;
  topCode: string | null;
}

export interface IncidentHour {
  hour: number;
  sends: number;
  failures: number;
  conversions: number;
  rate: number | null;
}

export interface IncidentUser {
  id: number;
  name: string;
  email: string;
  roles: IncidentUserRole[];
  failures: number;
  lockedNow: boolean;
  coolingDownNow: boolean;
}

/** The incident the likely-cause rule ties a lock, cooldown, wrong code or expiry to. */
export interface LikelyCause {
  incidentId: number;
  /** "Carrier Glo Mobile": shown as "Likely caused by Carrier Glo Mobile". */
  label: string;
  affectedUsers: number;
  startedAt: number;
  endedAt: number | null;
}

/** A user's lock, cooldown, wrong code or expiry the rule ties to an incident. */
export interface CausedEvent {
  eventId: number;
  type: string;
  at: number;
  cause: LikelyCause;
}

/** A user with failed deliveries on several distinct days of the range (the FAQ's "same users consistently"). */
export interface RepeatFailingUser {
  id: number;
  name: string;
  email: string;
  carrier: string | null;
  days: number;
  failures: number;
  lastFailureAt: number;
}

/** A carrier whose deliveries failed for several distinct users in the range. */
export interface CarrierAffected {
  carrier: string;
  users: number;
  failures: number;
  lastFailureAt: number;
}

export interface IncidentDetail {
  incident: IncidentSummary;
  /** The key's hours from a day before the onset to a day after the end, beside its usual rate. */
  hourly: IncidentHour[];
  topCodes: { code: string; failures: number; title: string | null }[];
  users: IncidentUser[];
  totalUsers: number;
}

export interface DetectionRunView {
  evaluatedFrom: number | null;
  evaluatedTo: number;
  written: number;
  total: number;
  keys: number;
  hours: number;
  ms: number;
}

export interface IncidentSettingsView {
  values: DetectorSettings;
  fields: readonly DetectorFieldInfo[];
}

const time = z.number().int('must be unix milliseconds').min(0).max(MAX_TIME_MS);
const id = z.number().int('must be an incident id').min(1, 'must be an incident id');

const settingsChanges = z
  .object(
    Object.fromEntries(
      DETECTOR_FIELDS.map((f) => {
        let schema = z.number().min(f.min, `must be at least ${f.min}`).max(f.max, `must be at most ${f.max}`);
        if (f.integer) schema = schema.int('must be a whole number');
        return [f.key, schema.optional()];
      }),
    ) as Record<keyof DetectorSettings, z.ZodOptional<z.ZodNumber>>,
  )
  .strict();

/** Incidents the detector found, their evidence and users, and its parameters. */
export const incidentsMethods = {
  incidentsList: method<{ incidents: IncidentSummary[] }>()(
    z
      .object({
        from: time.optional(),
        to: time.optional(),
        kind: z.enum(INCIDENT_KINDS).optional(),
        key: z.string().trim().min(1).max(200).optional(),
        ongoing: z.boolean().optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict()
      .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
        message: 'from must not be after to',
        path: ['from'],
      }),
  ),
  incidentDetail: method<IncidentDetail>()(z.object({ id }).strict()),
  incidentUsers: method<{ users: IncidentUser[] }>()(
    z.object({ id, roles: z.array(z.enum(INCIDENT_USER_ROLES)).min(1).optional() }).strict(),
  ),
  incidentsForUser: method<{ incidents: (IncidentSummary & { roles: IncidentUserRole[] })[] }>()(
    z.object({ email: emailAddress() }).strict(),
  ),
  /** The user's current lock or cooldown and recent wrong codes and expiries the likely-cause rule ties to an incident. */
  likelyCausesForUser: method<{ current: LikelyCause | null; events: CausedEvent[] }>()(
    z.object({ email: emailAddress() }).strict(),
  ),
  /** The incident behind one event of the log (a lock, cooldown, wrong code or expiry), or null. */
  eventLikelyCause: method<{ cause: LikelyCause | null }>()(
    z.object({ id: z.number().int('must be an event id').min(1, 'must be an event id') }).strict(),
  ),
  /** Users with failed deliveries on at least `minDays` distinct days of [from, to] (UTC days). */
  repeatFailingUsers: method<{ users: RepeatFailingUser[]; minDays: number }>()(
    z
      .object({
        from: time,
        to: time,
        minDays: z.number().int('must be a whole number of days').min(2, 'must be at least 2').max(90).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict()
      .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['from'] }),
  ),
  /** Carriers on which at least `minUsers` distinct users had failed deliveries in [from, to]. */
  carriersWithAffectedUsers: method<{ carriers: CarrierAffected[]; minUsers: number }>()(
    z
      .object({
        from: time,
        to: time,
        minUsers: z.number().int('must be a whole number of users').min(2, 'must be at least 2').max(10_000).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict()
      .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['from'] }),
  ),
  detectIncidents: method<DetectionRunView>()(z.object({ full: z.boolean().optional() }).strict()),
  getIncidentSettings: method<IncidentSettingsView>()(noInput),
  updateIncidentSettings: method<IncidentSettingsView & { changes: { key: string; from: number; to: number }[] }>()(
    z.object({ changes: settingsChanges, reason: auditReason() }).strict(),
  ),
};
