import { describe, expect, it } from 'vitest';
import { resolveRange } from '../../../src/main/events/time-range';

const at = (iso: string) => Date.parse(iso);

describe("From/To as the operator's days", () => {
  it('To includes its whole day: the bound is the next midnight, exclusive', () => {
    expect(resolveRange('2026-11-01', '2026-11-01', undefined)).toEqual({
      from: at('2026-11-01T00:00:00Z'),
      to: at('2026-11-02T00:00:00Z'),
    });
  });

  it('follows daylight saving in an IANA zone (London spring forward, Sydney, New York fall back)', () => {
    expect(resolveRange('2026-03-29', '2026-03-29', 'Europe/London')).toEqual({
      from: at('2026-03-29T00:00:00Z'),
      to: at('2026-03-29T23:00:00Z'),
    });
    expect(resolveRange('2026-11-01', '2026-11-01', 'America/New_York')).toEqual({
      from: at('2026-11-01T04:00:00Z'),
      to: at('2026-11-02T05:00:00Z'),
    });
    expect(resolveRange('2026-11-22', undefined, 'Australia/Sydney').from).toBe(at('2026-11-21T13:00:00Z'));
  });

  it('takes fixed offsets and exact instants', () => {
    expect(resolveRange('2026-11-10', '2026-11-10', '-03:00')).toEqual({
      from: at('2026-11-10T03:00:00Z'),
      to: at('2026-11-11T03:00:00Z'),
    });
    expect(resolveRange('2026-11-10T09:30:00+01:00', '2026-11-10T10:00:00Z', 'Asia/Tokyo')).toEqual({
      from: at('2026-11-10T08:30:00Z'),
      to: at('2026-11-10T10:00:00Z') + 1,
    });
  });

  it('refuses impossible dates and zones with the field named', () => {
    expect(() => resolveRange('2026-02-30', undefined, undefined)).toThrow(/from: "2026-02-30" is not a calendar date/);
    expect(() => resolveRange(undefined, '2026-11-01', 'Nowhere/Town')).toThrow(/timeZone/);
    expect(() => resolveRange('2026-11-01', undefined, '+15:00')).toThrow(/timeZone/);
  });
});
