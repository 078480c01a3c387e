import { getCountries, getCountryCallingCode, getExampleNumber } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../../../src/main/events/append';
import { readExportPage } from '../../../src/main/events/export';
import { createExportLookups } from '../../../src/main/events/export-lookups';
import { resolveFilters } from '../../../src/main/events/filters';
import { requestPrint } from '../../../src/main/events/query';
import { DEFAULT_SORT } from '../../../src/main/events/query-sql';
import { rawRunner } from '../../../src/main/events/raw-runner';
import { callingCode } from '../../../src/shared/calling-code';
import { maskPhone } from '../../../src/shared/mask';
import { openConsole, type Console } from '../events/helpers';

/** Every country's example mobile number, as libphonenumber-js's metadata gives it. */
const numbers = getCountries().flatMap((country) => {
  const example = getExampleNumber(country, examples);
  return example ? [{ country, code: getCountryCallingCode(country), e164: example.number as string }] : [];
});

describe('masked phone numbers keep the whole country calling code', () => {
  it('as the issue saw them cut: Nigeria +234, the United Arab Emirates +971, Portugal +351', () => {
    expect(maskPhone('+2348031234567')).toBe('+234••••••••67');
    expect(maskPhone('+971501234567')).toBe('+971•••••••67');
    expect(maskPhone('+351912345675')).toBe('+351•••••••75');
    expect(maskPhone('+447111222333')).toBe('+44••••••••33');
    expect(maskPhone('+12025550135')).toBe('+1••••••••35');
    expect(maskPhone('+79161234567')).toBe('+7••••••••67');
  });

  it(`for every country libphonenumber-js knows (${numbers.length} example numbers)`, () => {
    expect(numbers.length).toBeGreaterThan(200);
    for (const { country, code, e164 } of numbers) {
      expect(callingCode(e164), country).toBe(code);
      const masked = maskPhone(e164)!;
      expect(masked.slice(0, code.length + 2), country).toBe(`+${code}•`);
      expect(masked.slice(-2)).toBe(e164.slice(-2));
      expect(masked).toHaveLength(e164.length);
    }
  });

  describe('exports mask in SQL exactly as the console does', () => {
    let c: Console;
    beforeAll(async () => {
      c = await openConsole();
      await c.ctx.db.transaction(async (m) => {
        for (const [i, { e164 }] of numbers.entries()) {
          await appendEvent(m, { occurredAt: Date.UTC(2026, 10, 1) + i * 1000, type: 'code_sent', phone: e164 });
        }
      });
    });
    afterAll(() => c.close());

    // Exports look each number's mask up (made by maskPhone); a number missing from the lookup is
    // masked by the same rule in SQL. Both must give what the screen shows.
    for (const path of ['looked up', 'in SQL, for a number the lookup lacks'] as const) {
      it(`for the same numbers, ${path}`, async () => {
        const text = await c.ctx.db.read(async (m) => {
          const runner = rawRunner(m);
          const f = await resolveFilters({}, runner);
          const print = requestPrint({}, DEFAULT_SORT);
          const lookups = await createExportLookups(runner, false);
          if (path !== 'looked up') await runner.query(`DELETE FROM ${lookups.masks}`);
          const page = await readExportPage(runner, lookups, f, DEFAULT_SORT, print, undefined, 1000, 'ndjson');
          await lookups.drop();
          return page.text;
        });
        const phones = text
          .trimEnd()
          .split('\n')
          .map((line) => (JSON.parse(line) as { phone: string }).phone)
          .reverse();
        expect(phones).toEqual(numbers.map((n) => maskPhone(n.e164)));
      });
    }
  });
});
