import type { EntityManager } from 'typeorm';
import { maskPhone } from '../../../shared/mask';
import { appendEvent } from '../../events/append';
import type { EngineDeps } from '../deps';
import { at } from '../outcome';
import { eventUser, userById } from '../../users/user-row';

/** What the old number is told when it stops receiving the user's codes. */
export function oldNumberNotice(newPhone: string, now: number): string {
  return (
    `MFA Support Console: the sign-in number of your account was changed to ${maskPhone(newPhone)} on ${at(now)}. ` +
    'If this was not you, call your helpdesk on a number you know (not one from a message) and ask them to lock your account.'
  );
}

/**
 * The email the console would send about a changed number. The console has no mail server: the
 * message goes to the simulated mail outbox (`mfa-console mail`), where the helpdesk can read it out.
 */
export async function mailNumberChanged(
  manager: EntityManager,
  user: { email: string; name: string },
  oldPhone: string | null,
  newPhone: string,
  by: string,
  now: number,
): Promise<void> {
  const body = [
    `Hello ${user.name},`,
    '',
    `The phone number your sign-in codes go to was changed from ${maskPhone(oldPhone) ?? 'none'} to ${maskPhone(newPhone)} on ${at(now)} (by ${by}).`,
    'If you did not ask for this, call your helpdesk on a number you know (not one from a message) and ask them to lock your account: someone may be trying to take it over.',
  ].join('\n');
  await manager.query('INSERT INTO simulated_mail (email, subject, body, sent_at) VALUES (?, ?, ?, ?)', [
    user.email,
    'Your sign-in phone number was changed',
    body,
    now,
  ]);
}

/**
 * Texts the old number that it no longer receives codes (outside any transaction: the provider is
 * called), then records what was sent where. Twilio Verify sends only codes, so with Twilio the
 * old number cannot be texted, and the operator is told to let the user know another way.
 */
export async function notifyOldNumber(
  deps: EngineDeps,
  userId: number,
  oldPhone: string | null,
  newPhone: string,
  actor: string,
): Promise<string[]> {
  const provider = await deps.providers.active();
  let sms: string;
  if (!oldPhone) sms = 'There was no old number to text.';
  else if (!provider.notify) {
    sms = `The old number ${maskPhone(oldPhone)} was not texted: the ${provider.id} provider sends only codes, so tell the user another way.`;
  } else {
    const result = await provider.notify(oldPhone, oldNumberNotice(newPhone, deps.clock.now()));
    sms = result.ok
      ? `The old number ${maskPhone(oldPhone)} was texted that the number changed.`
      : `The old number ${maskPhone(oldPhone)} was not texted: ${result.failure.message} (Error Code: ${result.failure.code}).`;
  }
  const mail = "An email to the user's address is in the simulated mail outbox (the console has no mail server).";
  await deps.db.transaction(async (manager) => {
    const user = await userById(manager, userId);
    await appendEvent(manager, {
      occurredAt: deps.clock.now(),
      type: 'phone_change_notified',
      ...eventUser(user),
      actor,
      provider: provider.id,
      details: { sms, email: mail },
    });
  });
  return [sms, mail];
}
