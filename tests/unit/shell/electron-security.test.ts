import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron binary cannot run here: the shell is tested with the module mocked.
type Listener = (...args: unknown[]) => void;

class FakeWebContents {
  listeners = new Map<string, Listener>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame = { url: '' } as { url: string };
  on(name: string, listener: Listener) {
    this.listeners.set(name, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

const electron = vi.hoisted(() => {
  const created: { options: Record<string, unknown>; webContents: unknown; loaded?: string }[] = [];
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  return {
    created,
    handlers,
    openExternal: vi.fn(async () => undefined),
  };
});

vi.mock('electron', () => ({
  app: { setPath: vi.fn(), getPath: vi.fn(), whenReady: vi.fn(), on: vi.fn(), quit: vi.fn() },
  BrowserWindow: class {
    webContents = new FakeWebContents();
    constructor(options: Record<string, unknown>) {
      electron.created.push({ options, webContents: this.webContents });
    }
    once() {}
    loadURL(url: string) {
      electron.created[electron.created.length - 1].loaded = url;
      return Promise.resolve();
    }
  },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, input: unknown) => unknown) =>
      electron.handlers.set(channel, handler),
  },
  session: {},
  shell: { openExternal: electron.openExternal },
}));

import { bindIpc, createMainWindow } from '../../../src/main/index';
import {
  CONTENT_SECURITY_POLICY,
  assertSecureWebPreferences,
  hardenSession,
  isAllowedExternalUrl,
  isTrustedSender,
  secureWebPreferences,
} from '../../../src/main/security';
import { API_METHODS, ipcChannel } from '../../../src/shared/contract';

beforeEach(() => {
  electron.created.length = 0;
  electron.handlers.clear();
  electron.openExternal.mockClear();
});

describe('the window', () => {
  it('is created with every security setting on', () => {
    createMainWindow();
    const prefs = (electron.created[0].options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.js$/);
    // Middle-click (auxclick) would open links without the window-open handler's checks.
    expect(String(prefs.disableBlinkFeatures)).toContain('Auxclick');
    // Exactly the reference the security module owns, nothing weaker and nothing extra.
    expect(prefs).toEqual(secureWebPreferences(String(prefs.preload)));
    expect(electron.created[0].loaded).toMatch(/^file:.*renderer\/index\.html$/);
  });

  it('blocks navigation and redirects away from the app, and webviews', () => {
    createMainWindow();
    const contents = electron.created[0].webContents as FakeWebContents;
    const appUrl = electron.created[0].loaded!;
    for (const name of ['will-navigate', 'will-redirect']) {
      const away = { preventDefault: vi.fn() };
      contents.listeners.get(name)!(away, 'https://evil.example/');
      expect(away.preventDefault).toHaveBeenCalled();
      const home = { preventDefault: vi.fn() };
      contents.listeners.get(name)!(home, appUrl + '#/users');
      expect(home.preventDefault).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    contents.listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window and opens only allow-listed https links outside', () => {
    createMainWindow();
    const contents = electron.created[0].webContents as FakeWebContents;
    expect(contents.windowOpenHandler!({ url: 'https://www.twilio.com/docs/api/errors/30007' })).toEqual({
      action: 'deny',
    });
    expect(electron.openExternal).toHaveBeenCalledWith('https://www.twilio.com/docs/api/errors/30007');
    expect(contents.windowOpenHandler!({ url: 'http://www.twilio.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('external links', () => {
  it('allows only https on the allow-list', () => {
    expect(isAllowedExternalUrl('https://status.twilio.com/')).toBe(true);
    expect(isAllowedExternalUrl('http://status.twilio.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://status.twilio.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user@status.twilio.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('the session', () => {
  it('denies every permission request and check, and sends the CSP header', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let headers: ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    const fake = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      webRequest: { onHeadersReceived: (h: typeof headers) => (headers = h) },
    };
    hardenSession(fake as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const answer = vi.fn();
      request!(null, permission, answer);
      expect(answer).toHaveBeenCalledWith(false);
    }
    expect(check!()).toBe(false);
    const answer = vi.fn();
    headers!({ responseHeaders: {} }, answer);
    expect(answer).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('IPC', () => {
  const appUrl = 'file:///app/out/renderer/index.html';
  const trusted = { mainFrame: { url: appUrl } } as never as Electron.WebContents;

  it('trusts only our window main frame showing our renderer', () => {
    const main = (trusted as unknown as { mainFrame: unknown }).mainFrame;
    expect(isTrustedSender({ sender: trusted, senderFrame: main } as never, trusted, appUrl)).toBe(true);
    const subframe = { url: appUrl };
    expect(isTrustedSender({ sender: trusted, senderFrame: subframe } as never, trusted, appUrl)).toBe(false);
    expect(isTrustedSender({ sender: {}, senderFrame: main } as never, trusted, appUrl)).toBe(false);
    expect(isTrustedSender({ sender: trusted, senderFrame: null } as never, trusted, appUrl)).toBe(false);
    const navigatedAway = { mainFrame: { url: 'https://evil.example/' } } as never as Electron.WebContents;
    const away = (navigatedAway as unknown as { mainFrame: unknown }).mainFrame;
    expect(isTrustedSender({ sender: navigatedAway, senderFrame: away } as never, navigatedAway, appUrl)).toBe(false);
  });

  it('binds exactly one handler per contract method, each refusing untrusted senders', async () => {
    const calls: string[] = [];
    const invoke = async (method: string) => (
      calls.push(method),
      { result: { ok: true as const, value: method }, issued: {} }
    );
    const api = { invoke, call: async (method: string) => (await invoke(method)).result };
    bindIpc(api, () => null, { get: () => null, set: () => undefined } as never);
    expect([...electron.handlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannel).sort());
    const answer = await electron.handlers.get(ipcChannel('info'))!({ sender: {}, senderFrame: {} }, {});
    expect(answer).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'IPC from an untrusted frame was refused.' },
    });
    expect(calls).toEqual([]);
  });

  it('a window whose preferences drift from the reference is refused', () => {
    const weakened = { ...secureWebPreferences('/x/preload.js'), sandbox: false, nodeIntegration: true };
    expect(() => assertSecureWebPreferences('/x/preload.js', weakened)).toThrow(/sandbox, nodeIntegration/);
    const missing = { ...secureWebPreferences('/x/preload.js') } as Record<string, unknown>;
    delete missing.disableBlinkFeatures;
    expect(() => assertSecureWebPreferences('/x/preload.js', missing)).toThrow(/disableBlinkFeatures/);
  });

  it('secure preferences do not depend on the caller', () => {
    expect(secureWebPreferences('/x/preload.js')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });
});
