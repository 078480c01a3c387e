export { FakeTwilio, type FakeTwilioOptions, type RecordedRequest } from './fake-twilio';
export type { FakeRoute, ScriptedResponse } from './script';
export type { FakeAttempt, FakeLineType, FakeMessage, FakeVerification } from './state';
export { closedPort } from './closed-port';
