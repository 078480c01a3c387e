import { FakeClock } from '../../../src/main/core/clock';
import { createTwilioClient } from '../../../src/main/providers/twilio/client';
import type { TwilioConfig } from '../../../src/main/providers/twilio/config';
import { TwilioProvider } from '../../../src/main/providers/twilio/provider';
import type { ProviderHealth } from '../../../src/main/providers/twilio/health';
import type { FakeTwilio } from '../../support/fake-twilio';

/** The config that points the real twilio client at a fake. */
export function configFor(fake: FakeTwilio, overrides: Partial<TwilioConfig> = {}): TwilioConfig {
  return {
    accountSid: fake.accountSid,
    auth: { kind: 'auth_token', token: fake.authToken },
    verifyServiceSid: fake.verifyServiceSid,
    lookupEnabled: true,
    baseUrl: fake.baseUrl,
    timeoutMs: 5_000,
    ...overrides,
  };
}

/** A sleep that returns at once and remembers what it was asked to wait, so backoff is visible. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

export interface ProviderSetup {
  provider: TwilioProvider;
  waits: number[];
  clock: FakeClock;
}

export function providerFor(
  fake: FakeTwilio,
  overrides: Partial<TwilioConfig> = {},
  options: { clock?: FakeClock; health?: ProviderHealth } = {},
): ProviderSetup {
  const config = configFor(fake, overrides);
  const { sleep, waits } = recordingSleep();
  const clock = options.clock ?? new FakeClock();
  const client = createTwilioClient(config, { sleep });
  const provider = new TwilioProvider({
    client,
    verifyServiceSid: config.verifyServiceSid,
    clock,
    health: options.health,
  });
  return { provider, waits, clock };
}
