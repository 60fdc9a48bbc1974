/** Where the editor tooling lives: everything downloaded or generated goes under the gitignored .vscode-test/. */

import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const toolsDir = path.join(repoRoot, '.vscode-test');
export const codeServerVersion = '4.100.3';
export const codeServerDir = path.join(toolsDir, 'code-server');
export const codeServerBin = path.join(codeServerDir, 'node_modules', '.bin', 'code-server');
/** Per-run state (HOME, user data, extensions); deleted when the run ends. */
export const scratchRoot = path.join(toolsDir, 'scratch');
export const chromiumBin = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');
export const exampleWorkspace = path.join(repoRoot, 'examples', 'workspace');
