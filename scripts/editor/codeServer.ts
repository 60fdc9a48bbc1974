/**
 * A throwaway code-server: own process group, state in a scratch folder (never the real home), no
 * telemetry, marketplace, welcome page or trust prompt, bound to 127.0.0.1 on a free port.
 */

import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';

export const workbenchSettings = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.reduceMotion': 'on',
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'json.schemaDownload.enable': false,
  'git.enabled': false,
  'editor.cursorBlinking': 'solid',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

export interface CodeServerOptions {
  readonly bin: string;
  /** Per-run folder for HOME, XDG dirs, user data and extensions; removed by `stop()` unless `keepScratch`. */
  readonly scratch: string;
  readonly keepScratch?: boolean;
  /** Extra environment for the server, which its extension hosts inherit. */
  readonly env?: Readonly<Record<string, string>>;
  /** .vsix files to install into this server's extensions folder before it starts. */
  readonly install?: readonly string[];
  /** Where server output goes: 'inherit' (npm start) or a log file. */
  readonly output: 'inherit' | string;
}

export interface CodeServer {
  readonly authority: string;
  readonly baseUrl: string;
  /** HOME/XDG variables pointing into the scratch folder: give them to the browser too. */
  readonly env: NodeJS.ProcessEnv;
  /** The workbench URL opening `folder`, with extra payload entries (development/test paths). */
  url(folder: string, payload?: readonly [string, string][]): string;
  /** Settles when the server process exits, with its exit code. */
  readonly exited: Promise<number | null>;
  /** `vscode-remote://` URI of a path on this server, as the payload expects it. */
  remote(fsPath: string): string;
  stop(): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function scratchEnv(scratch: string): NodeJS.ProcessEnv {
  const home = path.join(scratch, 'home');
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    // An empty gallery: no marketplace requests from the server (open-vsx.org is unreachable offline anyway).
    EXTENSIONS_GALLERY: '{}',
  };
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { scratch } = options;
  const userData = path.join(scratch, 'user-data');
  const extensions = path.join(scratch, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  const env = { ...scratchEnv(scratch), ...options.env };
  mkdirSync(env.HOME ?? scratch, { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(workbenchSettings, null, 2));
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions, '--config', path.join(scratch, 'config.yaml')];
  for (const vsix of options.install ?? []) {
    execFileSync(options.bin, [...common, '--install-extension', vsix], { env, stdio: 'pipe' });
  }
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const args = ['--auth', 'none', '--bind-addr', authority, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened', ...common];
  const out = options.output === 'inherit' ? 'inherit' : openLog(options.output);
  // detached: its own process group, so stopping it also stops its extension hosts and file watchers.
  const child = spawn(options.bin, args, { env, detached: true, stdio: ['ignore', out, out] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = (): void => {
    process.off('exit', stop);
    stopGroup(child, scratch, options.keepScratch === true);
  };
  process.on('exit', stop);
  const baseUrl = `http://${authority}`;
  const ready = await Promise.race([waitHealthy(baseUrl), exited.then(() => false)]);
  if (!ready) {
    stop();
    throw new Error(`code-server exited before it was ready${options.output === 'inherit' ? '' : ` (log: ${options.output})`}`);
  }
  const remote = (fsPath: string): string => `vscode-remote://${authority}${fsPath}`;
  return {
    authority,
    baseUrl,
    env,
    exited,
    remote,
    url(folder, payload = []) {
      const query = `folder=${encodeURIComponent(folder)}`;
      return payload.length === 0 ? `${baseUrl}/?${query}` : `${baseUrl}/?${query}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    stop,
  };
}

function openLog(file: string): number {
  mkdirSync(path.dirname(file), { recursive: true });
  return openSync(file, 'a');
}

function stopGroup(child: ChildProcess, scratch: string, keep: boolean): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  if (!keep) rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
}

/** Polls /healthz: the server has no readiness event to wait on; the limit is a failure bound. */
async function waitHealthy(baseUrl: string, limitMs = 60_000): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
