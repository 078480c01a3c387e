import type { Clock } from '../../core/clock';
import { createTwilioClient, type TwilioClientDeps } from './client';
import type { TwilioConfig } from './config';
import type { ProviderHealth } from './health';
import { TwilioProvider } from './provider';

export { createTwilioClient, type TwilioClient } from './client';
export { DEFAULT_TIMEOUT_MS, type TwilioConfig } from './config';
export { DeliverySync, type DeliverySyncSummary } from './delivery-sync';
export { ProviderHealth, type ProviderHealthSummary } from './health';
export { TwilioProvider } from './provider';
export { TwilioService, type TwilioServiceDeps } from './service';
export { SyncScheduler, realTimer, type Timer } from './sync-scheduler';

/** A Twilio SmsProvider (and PhoneLookup) for a fixed configuration: the hook for code outside the registry. */
export function createTwilioProvider(
  config: TwilioConfig,
  deps: TwilioClientDeps & { clock: Clock; health?: ProviderHealth },
): TwilioProvider {
  return new TwilioProvider({
    client: createTwilioClient(config, deps),
    verifyServiceSid: config.verifyServiceSid,
    clock: deps.clock,
    health: deps.health,
  });
}
