import type { Database } from '../db/database';
import { activeProviderId } from '../settings/provider-choice';
import type { ProviderId, SmsProvider } from './provider';

/**
 * The SMS providers this console can use, by id. The simulated provider is always there;
 * others (Twilio) are plugged in by whoever builds them. The active one comes from Settings,
 * falling back to the simulated provider when the chosen one is not registered.
 */
export class ProviderRegistry {
  private readonly providers = new Map<ProviderId, SmsProvider>();

  constructor(
    private readonly db: Database,
    private readonly fallback: SmsProvider,
  ) {
    this.register(fallback);
  }

  register(provider: SmsProvider): void {
    this.providers.set(provider.id, provider);
  }

  get(id: ProviderId): SmsProvider | undefined {
    return this.providers.get(id);
  }

  /** The provider that sends codes now; read on every send, so a Settings change applies at once. */
  async active(): Promise<SmsProvider> {
    return this.providers.get(await activeProviderId(this.db)) ?? this.fallback;
  }
}
