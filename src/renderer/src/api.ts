import { createClient, httpTransport, type Transport } from '../../shared/client';
import { API_METHODS, type ApiClient } from '../../shared/contract';
import type { ApiError } from '../../shared/result';
import type { DroppedFilesBridge } from '../../shared/contract/dropped-files';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web shell. */
    mfa?: ApiClient;
    /** Set by the Electron preload: the paths of files dropped on the window. */
    mfaFiles?: DroppedFilesBridge;
  }
}

const TOKEN_KEY = 'mfa-console-token';

/**
 * The web shell prints a URL carrying a per-launch token. Keep it for this tab and
 * take it out of the address bar so it does not end up in history or screenshots.
 */
function webToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** When a person last did something here: calls within a minute of it count as activity. */
let lastInput = Date.now();
for (const type of ['keydown', 'pointerdown', 'wheel']) {
  window.addEventListener(type, () => (lastInput = Date.now()), { capture: true, passive: true });
}
export const lastActivity = (): number => lastInput;
const ACTIVE_FOR_MS = 60_000;

/** The answers that change where the console stands (signed out, locked, expired), for the session gate. */
const SESSION_CODES = new Set(['SIGN_IN_REQUIRED', 'SESSION_LOCKED', 'SESSION_EXPIRED', 'NOT_AN_OPERATOR']);
type SessionListener = (error: ApiError) => void;
const listeners = new Set<SessionListener>();
export function onSessionRefused(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * High-risk actions answer REAUTH_REQUIRED when the password was given more than 5 minutes ago:
 * the prompt (ReauthPrompt) asks for it, and the call is made again once it was given.
 */
type ReauthHandler = (error: ApiError) => Promise<boolean>;
let reauthHandler: ReauthHandler | null = null;
export function onReauthRequired(handler: ReauthHandler): () => void {
  reauthHandler = handler;
  return () => {
    if (reauthHandler === handler) reauthHandler = null;
  };
}

function watched(client: ApiClient): ApiClient {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    const call = client[method] as (input: unknown) => Promise<{ ok: boolean; error?: ApiError }>;
    out[method] = async (input) => {
      let result = await call(input);
      if (!result.ok && result.error?.code === 'REAUTH_REQUIRED' && reauthHandler) {
        if (await reauthHandler(result.error)) result = await call(input);
      }
      // The sign-in steps answer these codes for themselves; everything else means the gate must move.
      if (!result.ok && result.error && SESSION_CODES.has(result.error.code) && !method.startsWith('operatorSignIn')) {
        for (const listener of listeners) listener(result.error);
      }
      return result;
    };
  }
  return out as ApiClient;
}

const web: Transport = httpTransport(
  window.location.origin,
  webToken(),
  fetch.bind(window),
  () => Date.now() - lastInput < ACTIVE_FOR_MS,
);

/** The same typed client whichever shell serves the page. */
export const api: ApiClient = watched(window.mfa ?? createClient(web));
export const shellKind: 'electron' | 'web' = window.mfa ? 'electron' : 'web';
