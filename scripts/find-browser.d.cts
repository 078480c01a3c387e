export interface BrowserFound {
  path: string | null;
  source?: 'CHROMIUM_PATH' | 'installed' | 'playwright';
  message?: string;
}
export interface FindBrowserOptions {
  env?: Record<string, string | undefined>;
  platform?: string;
  exists?: (path: string) => boolean;
  playwrightPath?: () => string | null;
}
export function findBrowser(options?: FindBrowserOptions): BrowserFound;
export function candidates(platform: string, env: Record<string, string | undefined>): string[];
