/**
 * The Electron shell: app lifecycle, one secure window, and the IPC binding of the
 * API. Kept thin on purpose; the rules live in the engine behind api/.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import { API_METHODS, ipcChannel } from '../shared/contract';
import { createApi, type Api } from './api';
import { openContext, type AppContext } from './context';
import { startBackgroundWork } from './background';
import { dataDir } from './paths';
import { SafeStorageSecretStore, safeStorageSecretsPath } from './secrets';
import {
  assertSecureWebPreferences,
  hardenSession,
  hardenWebContents,
  isAllowedExternalUrl,
  isTrustedSender,
  secureWindowOptions,
} from './security';
import { startDemo } from './demo/on-start';
import { DeviceTokenStore } from './secrets/device-token-store';
import { workspaceDialogs } from './shell-dialogs';
import { bindDroppedFiles } from './shell-drop';
import { grant as grantImportPaths } from './api/handlers/workspaces';

let mainWindow: BrowserWindow | null = null;

function appUrl(): string {
  // electron-vite's dev server, in development only: a packaged app trusts nothing but its own files.
  const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  return devServer ?? pathToFileURL(join(__dirname, '../renderer/index.html')).toString();
}

/**
 * One handler per contract method; each checks the sender before touching the API. The operator's
 * session is kept here, in the main process, for the window that signed in: the page never holds
 * it. A remembered device's token is kept in `devices` (a 0600 file of this desktop).
 */
export function bindIpc(api: Api, window: () => BrowserWindow | null, devices: DeviceTokenStore): void {
  const sessions = new Map<number, string>();
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, input: unknown, meta?: { activity?: unknown }) => {
      if (!isTrustedSender(event, window()?.webContents ?? null, appUrl())) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC from an untrusted frame was refused.' } };
      }
      const sender = event.sender.id;
      const { result, issued } = await api.invoke(method, input, {
        sessionToken: sessions.get(sender) ?? null,
        deviceToken: devices.get(),
        activity: meta?.activity !== false,
      });
      if (issued.session === null) sessions.delete(sender);
      else if (issued.session) sessions.set(sender, issued.session.token);
      if (issued.device) devices.set(issued.device.token);
      return result;
    });
  }
}

export function createMainWindow(): BrowserWindow {
  const preload = join(__dirname, '../preload/index.js');
  // Every security preference is spelled out here, where the window is made, so a reviewer (and
  // the Electron scanner, which cannot follow a function call) sees them; security.ts owns the
  // reference and refuses to open a window whose preferences differ from it.
  const window = new BrowserWindow({
    ...secureWindowOptions(preload),
    icon: join(__dirname, '../../resources/icon.png'),
    webPreferences: assertSecureWebPreferences(preload, {
      preload,
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
      // Middle-click would open links in a new window without the window-open handler's checks.
      disableBlinkFeatures: 'Auxclick',
    }),
  });
  hardenWebContents(window.webContents, appUrl(), (url) => {
    // hardenWebContents passes only URLs isAllowedExternalUrl accepted (https, allow-listed hosts);
    // checked again here, beside the call.
    if (!isAllowedExternalUrl(url)) return Promise.resolve();
    return shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl());
  return window;
}

async function start(): Promise<void> {
  // The same folder the web shell and CLI compute, honouring MFA_CONSOLE_DATA_DIR.
  app.setPath('userData', dataDir());
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  hardenSession(session.defaultSession);
  const ctx: AppContext = await openContext({
    shell: 'electron',
    dataDir: app.getPath('userData'),
    // In the desktop app Twilio credentials are encrypted by the OS key store.
    secrets: new SafeStorageSecretStore(safeStorage, safeStorageSecretsPath(app.getPath('userData'))),
    services: {
      async chooseSavePath(suggestedName) {
        const options = { defaultPath: join(app.getPath('documents'), suggestedName) };
        const choice = mainWindow
          ? await dialog.showSaveDialog(mainWindow, options)
          : await dialog.showSaveDialog(options);
        return choice.canceled || !choice.filePath ? null : choice.filePath;
      },
      ...workspaceDialogs(dialog, () => mainWindow, app.getPath('documents')),
    },
  });
  if (process.argv.includes('--demo')) {
    const demo = await startDemo(ctx);
    if (demo.signIn) {
      console.log('Sign in to the demo with:');
      console.log(`${demo.signIn.email} ${demo.signIn.password}`);
    }
  }
  bindIpc(
    createApi(ctx),
    () => mainWindow,
    new DeviceTokenStore(join(app.getPath('userData'), 'operator-device.json')),
  );
  // Files dropped on the window: their paths, read by the preload, granted for import (shell-drop.ts).
  bindDroppedFiles(
    ipcMain,
    (event) => isTrustedSender(event, mainWindow?.webContents ?? null, appUrl()),
    (paths) => grantImportPaths(ctx, paths),
  );
  mainWindow = createMainWindow();
  app.on('second-instance', () => mainWindow?.focus());
  app.on('window-all-closed', () => app.quit());
  const stopBackground = startBackgroundWork(ctx);
  app.on('will-quit', (event) => {
    // Finish the background sync and close the database before the process ends.
    event.preventDefault();
    app.removeAllListeners('will-quit');
    void stopBackground()
      .then(() => ctx.close())
      .finally(() => app.quit());
  });
}

if (process.versions.electron) void start();
