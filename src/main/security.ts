/**
 * Every Electron security setting of the console, in one place, so one unit test can
 * assert each of them. Electron objects are passed in (type-only import), which keeps
 * this module loadable, and testable, without the Electron binary.
 */
import type {
  BrowserWindowConstructorOptions,
  IpcMainInvokeEvent,
  Session,
  WebContents,
  WebPreferences,
} from 'electron';

/** The renderer's Content Security Policy. MUI/emotion inject <style> tags, hence style-src 'unsafe-inline'. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** External links open in the system browser only for these https hosts. */
export const ALLOWED_EXTERNAL_HOSTS = new Set(['www.twilio.com', 'status.twilio.com', 'console.twilio.com']);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && ALLOWED_EXTERNAL_HOSTS.has(parsed.hostname) && !parsed.username;
  } catch {
    return false;
  }
}

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
  };
}

/**
 * The window's preferences as written where it is created, checked against the reference: a
 * window that would be weaker than secureWebPreferences is never opened.
 */
export function assertSecureWebPreferences(preloadPath: string, given: WebPreferences): WebPreferences {
  const expected = secureWebPreferences(preloadPath) as Record<string, unknown>;
  const actual = given as Record<string, unknown>;
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const drift = [...keys].filter((key) => expected[key] !== actual[key]);
  if (drift.length) throw new Error(`Refusing to open a window with weakened preferences: ${drift.join(', ')}.`);
  return given;
}

export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'MFA Support Console',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Is this URL our own renderer (the built file, or the dev server electron-vite started)? */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(appUrl);
    if (own.protocol === 'file:') return target.protocol === 'file:' && target.pathname === own.pathname;
    return target.origin === own.origin;
  } catch {
    return false;
  }
}

/**
 * Every IPC message must come from our window's main frame showing our renderer:
 * not a subframe, not another window, not a page navigated elsewhere.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>,
  trusted: WebContents | null,
  appUrl: string,
): boolean {
  const frame = event.senderFrame;
  if (!frame || !trusted || event.sender !== trusted) return false;
  if (frame !== trusted.mainFrame) return false;
  return isAppUrl(frame.url, appUrl);
}

type OpenExternal = (url: string) => Promise<void>;

/** Blocks navigation, redirects and new windows; allow-listed https links go to the system browser. */
export function hardenWebContents(contents: WebContents, appUrl: string, openExternal: OpenExternal): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternal(url);
    return { action: 'deny' };
  });
}

/** Denies every permission request (camera, notifications, geolocation, ...) and adds the CSP header. */
export function hardenSession(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
