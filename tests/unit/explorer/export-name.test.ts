import { describe, expect, it } from 'vitest';
import { exportFileName, withFormat } from '../../../src/renderer/src/pages/explorer/export-name';

describe('export file names', () => {
  it('are named after the filters and the day', () => {
    expect(exportFileName({}, 'csv', '2026-11-22')).toBe('mfa-errors-2026-11-22.csv');
    expect(exportFileName({ all: true }, 'csv', '2026-11-22')).toBe('mfa-events-2026-11-22.csv');
    expect(
      exportFileName(
        { types: ['account_lock'], carrier: 'Vodafone UK', code: '30007', from: '2026-11-01', to: '2026-11-07' },
        'ndjson',
        '2026-11-22',
      ),
    ).toBe('mfa-events-account_lock-Vodafone_UK-code-30007-2026-11-01_to_2026-11-07-2026-11-22.ndjson');
    expect(
      exportFileName({ types: ['account_lock', 'not_my_number'], user: 'cal@example.com' }, 'csv', '2026-11-22'),
    ).toBe('mfa-events-2-types-cal-2026-11-22.csv');
    expect(exportFileName({ all: true, starred: true, tags: ['fraud', 'sim-swap'] }, 'ndjson', '2026-11-22')).toBe(
      'mfa-events-starred-tag-fraud_sim_swap-2026-11-22.ndjson',
    );
  });

  it('never carry a folder separator from typed text', () => {
    const name = exportFileName({ search: '../../etc/passwd', all: true }, 'csv', '2026-11-22');
    expect(name).not.toContain('/');
    expect(name).toBe('mfa-events-search-etc_passwd-2026-11-22.csv');
  });

  it('swap the extension when the format changes, and leave other names alone', () => {
    expect(withFormat('/x/mfa-events-2026-11-22.csv', 'ndjson')).toBe('/x/mfa-events-2026-11-22.ndjson');
    expect(withFormat('/x/notes.txt', 'csv')).toBe('/x/notes.txt');
  });
});
