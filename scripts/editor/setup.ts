/**
 * Installs what running Plan Lens in a real VS Code needs, idempotently: Debian packages (as root only),
 * code-server from npm into .vscode-test/code-server, and, for the browser tests, Debian's chromium.
 * Usage: tsx scripts/editor/setup.ts [--browser]
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromiumBin, codeServerBin, codeServerDir, codeServerVersion, toolsDir } from './paths';

/** Build needs of code-server's native modules, and ripgrep to replace its GitHub download. */
const serverPackages = ['libkrb5-dev', 'pkg-config', 'build-essential', 'ripgrep'];
const browserPackages = ['chromium'];

export interface EditorTools {
  readonly codeServer?: string;
  readonly chromium?: string;
  /** Why a tool is missing, with what to install; empty when everything asked for is present. */
  readonly problems: readonly string[];
}

const isRoot = process.getuid?.() === 0;
const isDebian = existsSync('/etc/debian_version');

function log(message: string): void {
  console.log(`[setup] ${message}`);
}

function missingDebianPackages(names: readonly string[]): string[] {
  return names.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function aptInstall(names: readonly string[]): void {
  const missing = missingDebianPackages(names);
  if (missing.length === 0) return;
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

function installedCodeServerVersion(): string | undefined {
  const manifest = path.join(codeServerDir, 'node_modules', 'code-server', 'package.json');
  if (!existsSync(manifest) || !existsSync(codeServerBin)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the tarball; seed
 * that cache from Debian's ripgrep so the install works with only the npm and apt registries reachable.
 */
function seedRipgrepCache(tmp: string): void {
  const cache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  const tarball = path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(tarball)) return;
  const rgDir = (process.env.PATH ?? '').split(path.delimiter).find((dir) => dir !== '' && existsSync(path.join(dir, 'rg')));
  if (rgDir === undefined) throw new Error('ripgrep (rg) is not on PATH');
  mkdirSync(cache, { recursive: true });
  execFileSync('tar', ['czf', tarball, '-C', rgDir, 'rg']);
}

function installCodeServer(): void {
  mkdirSync(codeServerDir, { recursive: true });
  const tmp = path.join(toolsDir, 'tmp');
  seedRipgrepCache(tmp);
  if (!existsSync(path.join(codeServerDir, 'package.json'))) {
    writeFileSync(path.join(codeServerDir, 'package.json'), JSON.stringify({ name: 'plan-lens-editor-tools', private: true }) + '\n');
  }
  log(`npm install code-server@${codeServerVersion} (1-2 min the first time: native modules are compiled)`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `code-server@${codeServerVersion}`], {
    cwd: codeServerDir,
    stdio: 'inherit',
    // node-pty's postinstall runs npx (needs yes=true); code-server's postinstall refuses root without unsafe_perm.
    env: { ...process.env, TMPDIR: tmp, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
  });
}

/**
 * Ensures code-server (and chromium when `browser`). With `install` (the default) it installs what is
 * missing where that is possible; without, it only reports what is missing.
 */
export function ensureEditorTools(options: { browser: boolean; install?: boolean }): EditorTools {
  const install = options.install !== false;
  const problems: string[] = [];
  const wanted = [...serverPackages, ...(options.browser ? browserPackages : [])];
  const haveCodeServer = installedCodeServerVersion() === codeServerVersion;
  // Elsewhere than Debian the packages cannot be checked: the install is simply tried.
  const needApt = isDebian ? missingDebianPackages(haveCodeServer ? (options.browser ? browserPackages : []) : wanted) : [];
  if (needApt.length > 0) {
    if (isRoot && install) aptInstall(needApt);
    else problems.push(`missing Debian packages ${needApt.join(', ')} (run as root, or: sudo apt-get install ${needApt.join(' ')})`);
  }
  let codeServer: string | undefined = haveCodeServer ? codeServerBin : undefined;
  if (codeServer === undefined && !install) problems.push(`code-server ${codeServerVersion} is not installed in ${codeServerDir}`);
  if (codeServer === undefined && install && problems.length === 0) {
    try {
      installCodeServer();
    } catch (e) {
      log(`the install failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    if (installedCodeServerVersion() === codeServerVersion) codeServer = codeServerBin;
    else problems.push(`code-server ${codeServerVersion} did not install into ${codeServerDir}: it needs a C++ toolchain, pkg-config, the Kerberos headers (libkrb5-dev) and ripgrep (rg) on PATH`);
  }
  const chromium = options.browser && existsSync(chromiumBin) ? chromiumBin : undefined;
  if (options.browser && chromium === undefined) problems.push(`no chromium at ${chromiumBin} (apt-get install chromium, or set CHROMIUM)`);
  return { ...(codeServer !== undefined ? { codeServer } : {}), ...(chromium !== undefined ? { chromium } : {}), problems };
}

/** A fresh scratch directory for one run. */
export function scratchDir(root: string, prefix: string): string {
  mkdirSync(root, { recursive: true });
  return mkdtempSync(path.join(root, prefix));
}

if (require.main === module) {
  const tools = ensureEditorTools({ browser: process.argv.includes('--browser') });
  for (const p of tools.problems) console.error(`[setup] ${p}`);
  log(`code-server: ${tools.codeServer ?? 'missing'}; chromium: ${tools.chromium ?? (process.argv.includes('--browser') ? 'missing' : 'not requested')}`);
  process.exitCode = tools.problems.length > 0 ? 1 : 0;
}
