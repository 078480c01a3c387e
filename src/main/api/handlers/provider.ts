import { providerCode } from '../../../shared/provider-codes';
import { maskPhone } from '../../../shared/mask';
import type { AppContext } from '../../context';
import { requireOperator } from '../../users/operators';
import { requireUser } from '../../users/user-row';
import { phoneTypeLabel, phoneTypeWarning } from '../../phone';
import { notConfigured } from '../../providers/twilio/service';
import { providerSettingsView } from '../../providers/twilio/settings-view';
import { updateProviderSettings } from '../../providers/twilio/settings-update';
import { activeProviderId } from '../../settings/provider-choice';
import { DomainError } from '../../core/domain-error';
import { actorOf } from '../call-context';
import type { Handlers } from '../dispatch';
import { requireFreshPassword } from '../reauth';

type ProviderHandlers = Pick<
  Handlers,
  'providerSettingsGet' | 'providerSettingsUpdate' | 'providerTest' | 'providerSync' | 'providerHealth' | 'phoneLookup'
>;

/** The SMS provider: choice, Twilio credentials (never returned), Test connection, sync, health, Lookup. */
export function providerHandlers(ctx: AppContext): ProviderHandlers {
  const { twilio, db, secrets, clock } = ctx;
  const view = async () => providerSettingsView(db, secrets, await twilio.settings());
  return {
    providerSettingsGet: view,

    async providerSettingsUpdate(input, call) {
      requireFreshPassword(ctx, call, 'change the SMS provider settings');
      const changes = await updateProviderSettings({ db, clock, secrets }, { ...input, actor: actorOf(call) }, () =>
        twilio.settings(),
      );
      return { settings: await view(), changes };
    },

    providerTest: () => twilio.test(),

    async providerSync() {
      const result = await twilio.sync();
      if (!result.ok) throw new DomainError('TWILIO_NOT_CONFIGURED', notConfigured(result.missing).message);
      return result.summary;
    },

    async providerHealth() {
      const [summary, sync, provider] = await Promise.all([
        twilio.health.summary(),
        db.query<{
          source: 'message' | 'attempt';
          synced_until: number;
          last_run_at: number;
          last_error: string | null;
        }>('SELECT source, synced_until, last_run_at, last_error FROM provider_sync_state ORDER BY source'),
        activeProviderId(db),
      ]);
      return {
        provider,
        windowMs: summary.windowMs,
        calls: summary.calls,
        failures: summary.failures,
        failureRate: summary.failureRate,
        lastError: summary.lastError
          ? { ...summary.lastError, title: providerCode(summary.lastError.code)?.title ?? null }
          : null,
        lastSuccessAt: summary.lastSuccessAt,
        sync: sync.map((row) => ({
          source: row.source,
          syncedUntil: Number(row.synced_until),
          lastRunAt: Number(row.last_run_at),
          lastError: row.last_error,
        })),
      };
    },

    async phoneLookup(input, call) {
      const user = await db.read(async (manager) => {
        await requireOperator(manager, actorOf(call), 'look up phone numbers');
        return requireUser(manager, input.email);
      });
      if (!user.phone_e164) throw new DomainError('NO_PHONE', `${user.email} has no phone number to look up.`);
      const result = await twilio.lookupAndStore(user.phone_e164, user.id);
      if (!result.ok) {
        const code = result.failure.code === 'NOT_CONFIGURED' ? 'TWILIO_NOT_CONFIGURED' : 'LOOKUP_FAILED';
        throw new DomainError(
          code,
          `Lookup of ${maskPhone(user.phone_e164)} failed (${result.failure.code}): ${result.failure.message}`,
          {
            providerCode: result.failure.code,
          },
        );
      }
      const { value } = result;
      return {
        email: user.email,
        phoneMasked: maskPhone(user.phone_e164) as string,
        lineType: value.lineType,
        lineTypeLabel: phoneTypeLabel(value.lineType),
        carrier: value.carrier,
        countryCode: value.countryCode,
        lookedUpAt: result.lookedUpAt,
        warning: phoneTypeWarning(value.lineType),
      };
    },
  };
}
