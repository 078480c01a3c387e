import { createClient, httpTransport } from '../../shared/client';
import type { ApiClient } from '../../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web shell. */
    mfa?: ApiClient;
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

/** The same typed client whichever shell serves the page. */
export const api: ApiClient = window.mfa ?? createClient(httpTransport(window.location.origin, webToken()));
export const shellKind: 'electron' | 'web' = window.mfa ? 'electron' : 'web';
