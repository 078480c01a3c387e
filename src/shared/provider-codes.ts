/**
 * What a provider error code means and what the helpdesk does about it: the Twilio codes a
 * helpdesk meets (reference/twilio.md), plus the non-Twilio failures our provider layer
 * reports as codes (HTTP status, refused connection, timeout). Shared by the event detail,
 * exports and the UI.
 */
export interface ProviderCodeInfo {
  code: string;
  /** A few words, for a table cell or a facet label. */
  title: string;
  meaning: string;
  helpdeskAction: string;
}

const info = (code: string, title: string, meaning: string, helpdeskAction: string): ProviderCodeInfo => ({
  code,
  title,
  meaning,
  helpdeskAction,
});

export const PROVIDER_CODES: readonly ProviderCodeInfo[] = [
  info(
    '60200',
    'Invalid parameter',
    'Invalid parameter: a bad To number, channel or code length.',
    'Fix the number format (E.164, country code, no leading 0).',
  ),
  info(
    '60202',
    'Max check attempts',
    'The verification reached its 5 check attempts.',
    'Wait, then start a new verification.',
  ),
  info(
    '60203',
    'Max send attempts',
    'More than 5 sends without a check.',
    'Stop resending; wait or cancel the verification.',
  ),
  info(
    '60205',
    'Landline',
    'The number is a landline: SMS is not supported.',
    'Ask for a mobile number, or use voice.',
  ),
  info('60212', 'Too many concurrent', 'Too many concurrent verifications for one number.', 'Wait; look for abuse.'),
  info(
    '60410',
    'Fraud Guard block',
    'Fraud Guard blocked the number prefix (for 12 hours).',
    'Escalate if the user is legitimate.',
  ),
  info(
    '60605',
    'Geo permissions',
    'Blocked by Verify geo permissions.',
    'An admin enables the country in the provider settings.',
  ),
  info(
    '20404',
    'Verification not found',
    'The verification was not found (expired or already approved).',
    'Start a new verification.',
  ),
  info('20429', 'Too many requests', 'Too many API requests.', 'Back off and retry.'),
  info(
    '20500',
    'Provider failure',
    'The provider failed (internal error).',
    'MFA Provider Failure: retry later and check the provider status.',
  ),
  info(
    '500',
    'Provider failure (HTTP 500)',
    'The provider answered HTTP 500: the request failed on its side.',
    '"MFA Provider Failure, Error Code: 500": retry later and check the provider status; escalate if it persists.',
  ),
  info(
    '502',
    'Provider failure (HTTP 502)',
    'The provider answered HTTP 502 (bad gateway).',
    'Retry later and check the provider status.',
  ),
  info(
    '503',
    'Provider unavailable (HTTP 503)',
    'The provider answered HTTP 503 (service unavailable).',
    'Retry later and check the provider status.',
  ),
  info(
    'TIMEOUT',
    'Provider timeout',
    'The provider did not answer in time.',
    'Retry later; check the network and the provider status.',
  ),
  info(
    'ECONNREFUSED',
    'Connection refused',
    'The provider could not be reached (connection refused).',
    'Check the network, proxy and firewall; retry later.',
  ),
  info(
    '30003',
    'Handset unreachable',
    'The handset is unreachable (off, no signal).',
    'The user checks phone and signal; retry later.',
  ),
  info(
    '30004',
    'Message blocked',
    'Blocked: blocklist, opt-out, carrier or do-not-disturb.',
    'Check carrier blocking; the user re-opts in.',
  ),
  info('30005', 'Unknown handset', 'Unknown handset: the number may not exist.', 'Confirm and update the number.'),
  info(
    '30006',
    'Landline or unreachable carrier',
    'A landline, or a carrier that cannot be reached.',
    'Get a mobile number.',
  ),
  info(
    '30007',
    'Filtered by carrier',
    'The carrier filtered the message as spam.',
    'Carrier blocking: the user asks the carrier to allow our SMS; escalate with message SIDs.',
  ),
  info(
    '30008',
    'Unknown carrier error',
    'An unknown error from the carrier.',
    'Retry; escalate with the message SID and time.',
  ),
  info('21211', 'Invalid To number', 'The To number is invalid.', 'Fix the number to E.164.'),
  info('21408', 'Region disabled', 'The destination region is disabled.', 'An admin enables the region.'),
  info('21610', 'Replied STOP', 'The recipient replied STOP.', 'The user texts START to the sender.'),
  info(
    '21614',
    'Not a mobile number',
    'The To number is not a mobile number.',
    'Ask for a mobile number; confirm with Lookup.',
  ),
];

const byCode = new Map(PROVIDER_CODES.map((entry) => [entry.code, entry]));

/** The entry for a provider code, or undefined for a code we have no advice for. */
export function providerCode(code: string | null | undefined): ProviderCodeInfo | undefined {
  return code ? byCode.get(code) : undefined;
}
