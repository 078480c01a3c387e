import type { ProviderFailure } from '../provider';
import type { TwilioClient } from './client';
import { toProviderFailure } from './failures';
import type { TwilioConfig } from './config';

/** What failed, in the words Settings uses: the operator fixes a different thing for each. */
export type ConnectionProblem = 'auth' | 'service_sid' | 'unreachable' | 'timeout' | 'not_configured' | 'other';

export interface ConnectionStep {
  step: 'credentials' | 'verify_service';
  ok: boolean;
  code: string | null;
  message: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  problem: ConnectionProblem | null;
  message: string;
  steps: ConnectionStep[];
}

const last4 = (sid: string) => `…${sid.slice(-4)}`;

function explain(failure: ProviderFailure, config: TwilioConfig, step: ConnectionStep['step']) {
  const where = config.baseUrl ?? 'Twilio';
  if (failure.code === '20003' || failure.code === '401') {
    const what = config.auth.kind === 'api_key' ? 'API key SID and secret' : 'Account SID and Auth Token';
    return { problem: 'auth' as const, message: `Twilio refused the credentials (20003): check the ${what}.` };
  }
  if (step === 'verify_service' && (failure.code === '20404' || failure.code === '404')) {
    return {
      problem: 'service_sid' as const,
      message: `This account has no Verify service ${last4(config.verifyServiceSid)} (20404): check the Verify Service SID.`,
    };
  }
  if (step === 'credentials' && (failure.code === '20404' || failure.code === '404')) {
    return {
      problem: 'auth' as const,
      message: `Twilio has no account ${last4(config.accountSid)} for these credentials (20404): check the Account SID.`,
    };
  }
  if (failure.code === 'TIMEOUT') {
    return {
      problem: 'timeout' as const,
      message: `${where} did not answer within ${config.timeoutMs} ms: check the network or raise the timeout.`,
    };
  }
  if (/^E[A-Z]+$/.test(failure.code)) {
    return {
      problem: 'unreachable' as const,
      message: `${where} could not be reached (${failure.code}): check the network, proxy, firewall and base URL.`,
    };
  }
  return { problem: 'other' as const, message: `Twilio failed with ${failure.code}: ${failure.message}` };
}

/**
 * "Test connection": fetches the account (are the credentials right, is Twilio reachable?) and
 * then the Verify service (is the Service SID one of this account's?). Both are reads, so they
 * send no SMS and cost nothing; the answer names exactly what failed.
 */
export async function testConnection(client: TwilioClient, config: TwilioConfig): Promise<ConnectionTestResult> {
  const steps: ConnectionStep[] = [];
  const attempts: [ConnectionStep['step'], () => Promise<unknown>, string][] = [
    ['credentials', () => client.api.v2010.accounts(config.accountSid).fetch(), 'Twilio accepted the credentials.'],
    [
      'verify_service',
      () => client.verify.v2.services(config.verifyServiceSid).fetch(),
      `Verify service ${last4(config.verifyServiceSid)} found.`,
    ],
  ];
  for (const [step, call, okMessage] of attempts) {
    try {
      await call();
      steps.push({ step, ok: true, code: null, message: okMessage });
    } catch (error) {
      const failure = toProviderFailure(error);
      const { problem, message } = explain(failure, config, step);
      steps.push({ step, ok: false, code: failure.code, message });
      return { ok: false, problem, message, steps };
    }
  }
  return { ok: true, problem: null, message: 'Connected to Twilio: credentials and Verify service are right.', steps };
}
