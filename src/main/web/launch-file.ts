import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How the browser is opened without the token on any command line. `xdg-open URL` (and the browser
 * it starts) keep their arguments in /proc/<pid>/cmdline, readable by every local user for the
 * browser's lifetime. Instead a page only this OS user can read (0600, in the data directory) is
 * opened by its path, and it forwards the tab to the console with the token; the file is removed as
 * soon as the token is first used, and when the shell stops.
 */
export interface LaunchFile {
  path: string;
  remove(): void;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

export function writeLaunchFile(dataDir: string, launchUrl: string): LaunchFile {
  const path = join(dataDir, 'open-console.html');
  const url = escapeHtml(launchUrl);
  const html = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${url}"><title>MFA Support Console</title>
<p>Opening the console&hellip; <a href="${url}">continue</a></p>
<script>location.replace(${JSON.stringify(launchUrl).replace(/</g, '\\u003c')});</script>\n`;
  rmSync(path, { force: true });
  writeFileSync(path, html, { mode: 0o600, flag: 'wx' });
  let removed = false;
  return {
    path,
    remove() {
      if (removed) return;
      removed = true;
      rmSync(path, { force: true });
    },
  };
}
