import { writeFileSync } from 'node:fs';

/** The injected burst of a generated Twilio messages export: when, and on which code. */
export interface Burst {
  start: number;
  hours: number;
  code: string;
  /** Every how many messages of the burst hours one fails (2 = half of them). */
  every: number;
}

const HEADER = 'From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,Price,PriceUnit';
const HOUR = 3_600_000;

/**
 * Writes a Twilio console messaging CSV: `days` days of `perHour` verification texts an hour to 40
 * UK numbers, one in 60 undelivered as unreachable (30003), and inside `burst` one in `every`
 * filtered by the carrier. Deterministic (no randomness): the same arguments write the same file.
 */
export function writeTwilioBurstCsv(
  path: string,
  options: { from: number; days: number; perHour: number; burst: Burst; sidPrefix?: string },
): { rows: number; burstFailures: number; recipients: Set<string> } {
  const lines = [HEADER];
  const recipients = new Set<string>();
  let n = 0;
  let burstFailures = 0;
  const { burst } = options;
  for (let h = 0; h < options.days * 24; h++) {
    const hourStart = options.from + h * HOUR;
    const inBurst = hourStart >= burst.start && hourStart < burst.start + burst.hours * HOUR;
    for (let k = 0; k < options.perHour; k++, n++) {
      const at = new Date(hourStart + Math.floor((k * HOUR) / options.perHour)).toISOString().replace('.000', '');
      const to = `+4474001${String(23100 + (n % 40)).padStart(5, '0')}`;
      let status = 'delivered';
      let code = '';
      if (inBurst && k % burst.every === 0) {
        status = 'undelivered';
        code = burst.code;
        burstFailures++;
        recipients.add(to);
      } else if (n % 60 === 7) {
        status = 'undelivered';
        code = '30003';
      }
      const sid = `SM${(options.sidPrefix ?? 'a').padEnd(8, '0')}${n.toString(16).padStart(24, '0')}`;
      lines.push(
        `+14155550100,${to},Your verification code is ${100000 + (n % 900000)}.,${status},${at},2010-04-01,1,${code},AC4c2b1b2d3e4f5a6b7c8d9e0f1a2b3c4d,${sid},outbound-api,-0.04000,USD`,
      );
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { rows: n, burstFailures, recipients };
}
