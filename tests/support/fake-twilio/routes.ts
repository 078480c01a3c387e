import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { RecordedRequest, Reply } from './fake-twilio';
import { errorBody, iso, rfc2822 } from './formats';
import type { FakeRoute } from './script';
import { VERIFY_MAX_CHECKS, type FakeAttempt, type FakeMessage, type FakeTwilioState } from './state';

type Handler = (state: FakeTwilioState, request: RecordedRequest, params: string[]) => Reply;

interface RouteDef {
  route: FakeRoute;
  method: string;
  pattern: RegExp;
  handle: Handler;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const notFound = (path: string): Reply => ({
  status: 404,
  body: errorBody(404, 20404, `The requested resource ${path} was not found`),
});
const invalidParameter = (name: string): Reply => ({
  status: 400,
  body: errorBody(400, 60200, `Invalid parameter \`${name}\``),
});

function verificationJson(
  state: FakeTwilioState,
  v: { sid: string; to: string; createdAt: number; updatedAt: number },
  status: string,
) {
  return {
    sid: v.sid,
    service_sid: state.verifyServiceSid,
    account_sid: state.accountSid,
    to: v.to,
    channel: 'sms',
    status,
    valid: status === 'approved',
    lookup: { carrier: null },
    amount: null,
    payee: null,
    send_code_attempts: [{ time: iso(v.updatedAt), channel: 'SMS', attempt_sid: `VL${v.sid.slice(2)}` }],
    date_created: iso(v.createdAt),
    date_updated: iso(v.updatedAt),
    sna: null,
    url: `https://verify.twilio.com/v2/Services/${state.verifyServiceSid}/Verifications/${v.sid}`,
  };
}

const createVerification: Handler = (state, request, [service]) => {
  if (service !== state.verifyServiceSid) return notFound(request.path);
  const to = request.form.get('To') ?? '';
  if (!E164.test(to)) return invalidParameter('To');
  if (request.form.get('Channel') !== 'sms') return invalidParameter('Channel');
  const result = state.sendVerification(to);
  if (!result.ok) return { status: result.status, body: errorBody(result.status, result.code, result.message) };
  return { status: 201, body: verificationJson(state, result.verification, 'pending') };
};

const checkVerification: Handler = (state, request, [service]) => {
  if (service !== state.verifyServiceSid) return notFound(request.path);
  const to = request.form.get('To');
  const code = request.form.get('Code') ?? '';
  if (!to && !request.form.get('VerificationSid')) return invalidParameter('To');
  if (!/^\d{4,10}$/.test(code)) return invalidParameter('Code');
  const verification = to
    ? state.activeVerification(to)
    : ([...state.verifications.values()].find((v) => v.sid === request.form.get('VerificationSid')) ?? null);
  if (!verification || !state.activeVerification(verification.to)) return notFound(request.path);
  if (verification.checks >= VERIFY_MAX_CHECKS) {
    return { status: 429, body: errorBody(429, 60202, 'Max check attempts reached') };
  }
  verification.checks += 1;
  verification.updatedAt = state.now();
  if (verification.code !== code) return { status: 200, body: verificationJson(state, verification, 'pending') };
  verification.status = 'approved';
  // An approved verification is gone for Twilio: a second check answers 20404.
  state.verifications.delete(verification.to);
  for (const attempt of state.attempts) if (attempt.verificationSid === verification.sid) attempt.converted = true;
  return { status: 200, body: verificationJson(state, verification, 'approved') };
};

const fetchService: Handler = (state, request, [service]) => {
  if (service !== state.verifyServiceSid) return notFound(request.path);
  return {
    status: 200,
    body: {
      sid: service,
      account_sid: state.accountSid,
      friendly_name: 'MFA Support Console',
      code_length: 6,
      lookup_enabled: false,
      psd2_enabled: false,
      skip_sms_to_landlines: false,
      dtmf_input_required: true,
      do_not_share_warning_enabled: false,
      custom_code_enabled: false,
      date_created: iso(0),
      date_updated: iso(0),
      url: `https://verify.twilio.com/v2/Services/${service}`,
    },
  };
};

const fetchAccount: Handler = (state, request, [account]) => {
  if (account !== state.accountSid) return notFound(request.path);
  return {
    status: 200,
    body: {
      sid: account,
      owner_account_sid: account,
      friendly_name: 'Fake account',
      status: 'active',
      type: 'Full',
      date_created: rfc2822(0),
      date_updated: rfc2822(0),
      uri: `/2010-04-01/Accounts/${account}.json`,
    },
  };
};

const lookup: Handler = (state, request, [encoded]) => {
  const number = decodeURIComponent(encoded);
  const parsed = parsePhoneNumberFromString(number);
  const valid = E164.test(number) && !!parsed?.isValid();
  const fields = (request.query.get('Fields') ?? '').split(',');
  const line = state.lineTypes.get(number) ?? {
    type: 'mobile',
    carrier_name: 'Fake Mobile',
    mobile_country_code: '234',
    mobile_network_code: '10',
    error_code: null,
  };
  return {
    status: 200,
    body: {
      calling_country_code: parsed?.countryCallingCode ?? null,
      country_code: parsed?.country ?? null,
      phone_number: number,
      national_format: parsed?.formatNational() ?? null,
      valid,
      validation_errors: valid ? [] : ['NOT_A_NUMBER'],
      caller_name: null,
      sim_swap: null,
      call_forwarding: null,
      line_status: null,
      line_type_intelligence: valid && fields.includes('line_type_intelligence') ? line : null,
      identity_match: null,
      reassigned_number: null,
      sms_pumping_risk: null,
      phone_number_quality_score: null,
      pre_fill: null,
      url: `https://lookups.twilio.com/v2/PhoneNumbers/${encodeURIComponent(number)}`,
    },
  };
};

/** Page size, offset (from PageToken "PA<offset>") and page number, as Twilio's list endpoints read them. */
function paging(query: URLSearchParams): { size: number; offset: number; page: number } {
  const size = Math.min(1000, Math.max(1, Number(query.get('PageSize') ?? 50)));
  const token = query.get('PageToken');
  const page = Number(query.get('Page') ?? 0);
  const offset = token?.startsWith('PA') ? Number(token.slice(2)) : page * size;
  return { size, offset, page };
}

/** The same query for another page, keeping the filters (Twilio's next_page_uri keeps them too). */
function pageQuery(query: URLSearchParams, size: number, page: number, offset: number): string {
  const next = new URLSearchParams(query);
  next.set('PageSize', String(size));
  next.set('Page', String(page));
  if (page > 0) next.set('PageToken', `PA${offset}`);
  else next.delete('PageToken');
  return next.toString();
}

function messageJson(state: FakeTwilioState, m: FakeMessage) {
  return {
    account_sid: state.accountSid,
    api_version: '2010-04-01',
    body: 'Your verification code is ******',
    date_created: rfc2822(m.sentAt),
    date_sent: rfc2822(m.sentAt),
    date_updated: rfc2822(m.sentAt + 5_000),
    direction: 'outbound-api',
    error_code: m.errorCode,
    error_message: m.errorMessage,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `/2010-04-01/Accounts/${state.accountSid}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `/2010-04-01/Accounts/${state.accountSid}/Messages/${m.sid}.json`,
  };
}

const listMessages: Handler = (state, request, [account]) => {
  if (account !== state.accountSid) return notFound(request.path);
  const q = request.query;
  const after = q.get('DateSent>');
  const before = q.get('DateSent<');
  const to = q.get('To');
  const matching = state.messages
    .filter((m) => (!after || m.sentAt >= Date.parse(after)) && (!before || m.sentAt <= Date.parse(before)))
    .filter((m) => !to || m.to === to)
    .sort((a, b) => b.sentAt - a.sentAt);
  const { size, offset, page } = paging(q);
  const slice = matching.slice(offset, offset + size);
  const base = `/2010-04-01/Accounts/${account}/Messages.json`;
  const hasNext = offset + size < matching.length;
  return {
    status: 200,
    body: {
      messages: slice.map((m) => messageJson(state, m)),
      start: offset,
      end: offset + slice.length - 1,
      page,
      page_size: size,
      uri: `${base}?${pageQuery(q, size, page, offset)}`,
      first_page_uri: `${base}?${pageQuery(q, size, 0, 0)}`,
      previous_page_uri: page > 0 ? `${base}?${pageQuery(q, size, page - 1, Math.max(0, offset - size))}` : null,
      next_page_uri: hasNext ? `${base}?${pageQuery(q, size, page + 1, offset + size)}` : null,
    },
  };
};

function attemptJson(state: FakeTwilioState, a: FakeAttempt) {
  return {
    sid: a.sid,
    account_sid: state.accountSid,
    service_sid: state.verifyServiceSid,
    verification_sid: a.verificationSid,
    date_created: iso(a.createdAt),
    date_updated: iso(a.createdAt + 5_000),
    conversion_status: a.converted ? 'converted' : 'unconverted',
    channel: 'sms',
    price: { value: '0.05', currency: 'usd' },
    channel_data: {
      to: a.to,
      message_status: a.messageStatus,
      error_code: a.errorCode,
      mcc: a.mcc ?? null,
      mnc: a.mnc ?? null,
    },
    url: `https://verify.twilio.com/v2/Attempts/${a.sid}`,
  };
}

const listAttempts: Handler = (state, request) => {
  const q = request.query;
  const after = q.get('DateCreatedAfter');
  const before = q.get('DateCreatedBefore');
  const service = q.get('VerifyServiceSid');
  const status = q.get('Status');
  const channel = q.get('Channel');
  const matching = state.attempts
    .filter((a) => (!after || a.createdAt >= Date.parse(after)) && (!before || a.createdAt <= Date.parse(before)))
    .filter(() => !service || service === state.verifyServiceSid)
    .filter((a) => !status || (status === 'converted') === a.converted)
    .filter(() => !channel || channel === 'sms')
    .sort((a, b) => b.createdAt - a.createdAt);
  const { size, offset, page } = paging(q);
  const slice = matching.slice(offset, offset + size);
  const base = 'https://verify.twilio.com/v2/Attempts';
  const hasNext = offset + size < matching.length;
  return {
    status: 200,
    body: {
      attempts: slice.map((a) => attemptJson(state, a)),
      meta: {
        page,
        page_size: size,
        first_page_url: `${base}?${pageQuery(q, size, 0, 0)}`,
        previous_page_url: page > 0 ? `${base}?${pageQuery(q, size, page - 1, Math.max(0, offset - size))}` : null,
        url: `${base}?${pageQuery(q, size, page, offset)}`,
        next_page_url: hasNext ? `${base}?${pageQuery(q, size, page + 1, offset + size)}` : null,
        key: 'attempts',
      },
    },
  };
};

const ROUTES: RouteDef[] = [
  {
    route: 'verifications',
    method: 'POST',
    pattern: /^\/v2\/Services\/([^/]+)\/Verifications$/,
    handle: createVerification,
  },
  {
    route: 'verificationCheck',
    method: 'POST',
    pattern: /^\/v2\/Services\/([^/]+)\/VerificationCheck$/,
    handle: checkVerification,
  },
  { route: 'service', method: 'GET', pattern: /^\/v2\/Services\/([^/]+)$/, handle: fetchService },
  { route: 'lookup', method: 'GET', pattern: /^\/v2\/PhoneNumbers\/([^/]+)$/, handle: lookup },
  { route: 'attempts', method: 'GET', pattern: /^\/v2\/Attempts$/, handle: listAttempts },
  {
    route: 'messages',
    method: 'GET',
    pattern: /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/,
    handle: listMessages,
  },
  { route: 'account', method: 'GET', pattern: /^\/2010-04-01\/Accounts\/([^/]+)\.json$/, handle: fetchAccount },
];

/** The route a request is for, with a handler bound to its path parameters. */
export function routeRequest(
  method: string,
  path: string,
): { route: FakeRoute; handle: (state: FakeTwilioState, request: RecordedRequest) => Reply } | null {
  for (const def of ROUTES) {
    const match = def.method === method.toUpperCase() ? def.pattern.exec(path) : null;
    if (match) return { route: def.route, handle: (state, request) => def.handle(state, request, match.slice(1)) };
  }
  return null;
}
