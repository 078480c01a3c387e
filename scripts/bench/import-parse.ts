/**
 * Parse+map speed of the importer alone (no database): writes a 1,000,000-row console CSV export
 * and a 1,000,000-record Okta System Log JSON (several pages) to a temporary folder, then reads each
 * in its own process and prints records/s and the process's peak RSS.
 *
 *   node scripts/bench/import-parse.cjs [--records 1000000] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_COLUMNS } from '../../src/main/events/export-format';
import { readImportFile } from '../../src/main/import';

export async function writeLines(
  path: string,
  count: number,
  line: (i: number) => string,
  head = '',
  tail = '',
): Promise<void> {
  const out = createWriteStream(path);
  out.write(head);
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += line(i);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.write(chunk + tail);
  out.end();
  await once(out, 'close');
}

const BASE = Date.parse('2026-11-22T09:00:00Z');

/** A line as the export's SQL writes it (docs/export-format.md). */
export function consoleLine(i: number): string {
  const at = new Date(BASE - i * 1000).toISOString();
  return `${1_000_000 - i},${at},sms_failure,"SMS Failure",${i % 5000},"User ${i % 5000}","user${i % 5000}@example.com",employee,"+44••••••••56",true,GB,"Vodafone UK","twilio","30007","SMS not delivered, ""filtered"" by carrier",,,vs_${i},"{""messageSid"":""SM${i.toString(16).padStart(32, '0')}""}"\r\n`;
}

/** An Okta LogEvent of realistic size (~1.7 KB), like the API returns. */
export function oktaRecord(i: number): string {
  const types = [
    'user.authentication.auth_via_mfa',
    'system.sms.send_factor_verify_message',
    'user.session.start',
    'policy.evaluate_sign_on',
  ];
  return JSON.stringify({
    actor: {
      id: `00u${i % 5000}`,
      type: 'User',
      alternateId: `user${i % 5000}@example.com`,
      displayName: `User ${i % 5000}`,
      detailEntry: null,
    },
    client: {
      userAgent: {
        rawUserAgent:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
        os: 'Windows 10',
        browser: 'CHROME',
      },
      zone: 'null',
      device: 'Computer',
      id: null,
      ipAddress: '203.0.113.7',
      geographicalContext: {
        city: 'London',
        state: 'England',
        country: 'United Kingdom',
        postalCode: 'EC1A',
        geolocation: { lat: 51.5, lon: -0.12 },
      },
    },
    device: null,
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: null,
      credentialType: null,
      issuer: null,
      interface: null,
      authenticationStep: 0,
      externalSessionId: `102${i}`,
    },
    displayMessage: 'Authentication of user via MFA',
    eventType: types[i % 4],
    outcome: { result: i % 3 ? 'FAILURE' : 'SUCCESS', reason: 'INVALID_CREDENTIALS' },
    published: new Date(BASE - i * 1000).toISOString(),
    securityContext: {
      asNumber: 64496,
      asOrg: 'example isp',
      isp: 'example isp',
      domain: 'example.net',
      isProxy: false,
    },
    severity: 'INFO',
    debugContext: {
      debugData: {
        requestId: `Zabc${i}`,
        requestUri: '/api/v1/authn/factors/sms/verify',
        url: '/api/v1/authn/factors/sms/verify?',
        phoneNumber: '+447400123456',
      },
    },
    legacyEventType: 'core.user.factor.attempt_fail',
    transaction: { type: 'WEB', id: `Zabc${i}`, detail: {} },
    uuid: `3f2504e0-4f89-11d3-9a0c-${i.toString(16).padStart(12, '0')}`,
    version: '0',
    request: {
      ipChain: [
        {
          ip: '203.0.113.7',
          geographicalContext: { city: 'London', country: 'United Kingdom', geolocation: { lat: 51.5, lon: -0.12 } },
          version: 'V4',
          source: null,
        },
      ],
    },
    target: [
      { id: 'mla1', type: 'AuthenticatorEnrollment', alternateId: 'unknown', displayName: 'Phone', detailEntry: null },
    ],
  });
}

async function measure(path: string): Promise<void> {
  const start = process.hrtime.bigint();
  const reader = await readImportFile(path);
  let events = 0;
  for await (const batch of reader.batches()) events += batch.length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ format: reader.format.id, records: reader.counts.records, events, seconds, peakRssMb }));
}

export async function runImportBench(argv: string[], self: string): Promise<void> {
  if (argv[0] === '--measure') return measure(argv[1]);
  const count = argv.includes('--records') ? Number(argv[argv.indexOf('--records') + 1]) : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'mfa-import-bench-'));
  try {
    console.log(
      `# import parse+map (node ${process.version}, ${new Date().toISOString()}), ${count.toLocaleString('en')} records each`,
    );
    const csv = join(dir, 'events.csv');
    await writeLines(csv, count, consoleLine, EXPORT_COLUMNS.join(',') + '\r\n');
    const okta = join(dir, 'okta.json');
    // Pages of 1,000 records, as a saved pull writes them: one array per page.
    await writeLines(okta, count, (i) => (i % 1000 === 0 ? (i ? ']\n[' : '') : ',') + oktaRecord(i), '[', ']\n');
    for (const path of [csv, okta]) {
      const run = spawnSync(process.execPath, [self, '--measure', path], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stderr);
      const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
        format: string;
        records: number;
        seconds: number;
        peakRssMb: number;
      };
      const mb = statSync(path).size / 1024 / 1024;
      console.log(
        `${r.format.padEnd(16)} ${mb.toFixed(0).padStart(6)} MB  ${r.records.toLocaleString('en')} records in ${r.seconds.toFixed(2)} s = ` +
          `${Math.round(r.records / r.seconds).toLocaleString('en')} records/s, peak RSS ${r.peakRssMb.toFixed(0)} MB`,
      );
    }
  } finally {
    if (!argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
}
