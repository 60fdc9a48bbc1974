/**
 * Probes for the import boundaries of .dependency-cruiser.cjs: for each rule, a small tree that breaks it
 * (at a nested depth, where folder-prefix rules used to miss) must be flagged by that rule, and a tree of
 * allowed arrows must pass. The real tree is checked by `npm run lint` (`depcruise src`).
 */

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

interface Config {
  readonly forbidden: readonly { readonly name: string }[];
  readonly options: Record<string, unknown>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS, as dependency-cruiser loads it
const config = require('../../../.dependency-cruiser.cjs') as Config;

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
}

/** The rules the tree breaks, each with its arrow; `files` maps paths under src/ to their text. */
async function violations(files: Record<string, string>): Promise<Violation[]> {
  const { cruise } = await import('dependency-cruiser');
  const root = mkdtempSync(path.join(tmpdir(), 'plan-lens-boundaries-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    // The probe trees need no path mapping: their imports are relative or bare.
    const { tsConfig: _unused, ...options } = config.options;
    const result = await cruise(['src'], { ...options, baseDir: root, validate: true, ruleSet: { forbidden: config.forbidden } } as never);
    const output = result.output as unknown as { summary: { violations: Violation[] } };
    return output.summary.violations;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const flagged = (vs: readonly Violation[]): string[] => [...new Set(vs.map((v) => v.rule.name))].sort();

/** One probe per rule: the files that break it (every imported file exists, so each arrow resolves). */
const probes: Record<string, Record<string, string>> = {
  'core-imports-only-core': { 'src/core/analysis/deep/probe.ts': "import { x } from '../../../server/main';\nexport const y = x;\n", 'src/server/main.ts': 'export const x = 1;\n' },
  'core-no-node': { 'src/core/analysis/deep/probe.ts': "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n" },
  'core-no-editor': { 'src/core/analysis/deep/probe.ts': "import { createConnection } from 'vscode-languageserver/node';\nexport const y = createConnection;\n" },
  'core-no-folder-cycles': {
    'src/core/a/one.ts': "import { two } from '../b/two';\nexport const one = two;\n",
    'src/core/b/two.ts': 'export const two = 2;\n',
    'src/core/b/three.ts': "import { four } from '../a/four';\nexport const three = four;\n",
    'src/core/a/four.ts': 'export const four = 4;\n',
  },
  'protocol-imports-core-types-only': { 'src/protocol/deep/probe.ts': "import { f } from '../../core/x';\nexport const y = f;\n", 'src/core/x.ts': 'export const f = 1;\n' },
  'protocol-no-runtimes': { 'src/protocol/deep/probe.ts': "import type { S } from '../../server/s';\nexport type Y = S;\n", 'src/server/s.ts': 'export type S = number;\n' },
  'protocol-no-node': { 'src/protocol/deep/probe.ts': "import * as path from 'node:path';\nexport const y = path.sep;\n" },
  'protocol-no-vscode': { 'src/protocol/deep/probe.ts': "import type * as vscode from 'vscode';\nexport type Y = vscode.Uri;\n" },
  'protocol-language-server-in-lsp-only': { 'src/protocol/planRequests.ts': "import { RequestType } from 'vscode-languageserver-protocol';\nexport const y = RequestType;\n" },
  'webview-no-host': { 'src/webview/render/deep/probe.ts': "import { e } from '../../../extension/e';\nexport const y = e;\n", 'src/extension/e.ts': 'export const e = 1;\n' },
  'webview-no-vscode': { 'src/webview/render/deep/probe.ts': "import * as vscode from 'vscode';\nexport const y = vscode;\n" },
  'webview-no-node': { 'src/webview/render/deep/probe.ts': "import { Buffer } from 'node:buffer';\nexport const y = Buffer;\n" },
  'extension-no-server-internals': { 'src/extension/graph/x.ts': "import { main } from '../../server/main';\nexport const y = main;\n", 'src/server/main.ts': 'export const main = 1;\n' },
  'extension-no-language-server': { 'src/extension/graph/x.ts': "import { createConnection } from 'vscode-languageserver/node';\nexport const y = createConnection;\n" },
  'server-no-other-runtimes': { 'src/server/plans/deep/x.ts': "import { e } from '../../../extension/e';\nexport const y = e;\n", 'src/extension/e.ts': 'export const e = 1;\n' },
  'server-no-vscode': { 'src/server/plans/deep/x.ts': "import { LanguageClient } from 'vscode-languageclient/node';\nexport const y = LanguageClient;\n" },
  'cli-core-and-node-only': { 'src/cli/commands/deep/x.ts': "import { s } from '../../../server/s';\nexport const y = s;\n", 'src/server/s.ts': 'export const s = 1;\n' },
  'cli-no-editor': { 'src/cli/commands/deep/x.ts': "import * as vscode from 'vscode';\nexport const y = vscode;\n" },
};

suite('import boundaries (.dependency-cruiser.cjs)', () => {
  test('every rule has a probe', () => {
    assert.deepEqual(Object.keys(probes).sort(), config.forbidden.map((r) => r.name).sort());
  });

  for (const [rule, files] of Object.entries(probes)) {
    test(`${rule}: a tree that breaks it is flagged`, async () => {
      assert.deepEqual(flagged(await violations(files)), [rule]);
    });
  }

  test('the allowed arrows pass: runtimes on core and protocol, protocol on core types, lsp.ts on the protocol library', async () => {
    const vs = await violations({
      'src/core/graph/dag.ts': 'export const dag = 1;\n',
      'src/core/analysis/deep/plan.ts': "import { dag } from '../../graph/dag';\nexport type Plan = { n: number };\nexport const plan = dag;\n",
      'src/protocol/planRequests.ts': "import type { Plan } from '../core/analysis/deep/plan';\nexport type Request = Plan;\n",
      'src/protocol/lsp.ts': "import { RequestType } from 'vscode-languageserver-protocol';\nimport type { Request } from './planRequests';\nexport const r = RequestType;\nexport type R = Request;\n",
      'src/server/plans/session.ts': "import { plan } from '../../core/analysis/deep/plan';\nimport { r } from '../../protocol/lsp';\nimport { createConnection } from 'vscode-languageserver/node';\nexport const s = [plan, r, createConnection];\n",
      'src/extension/graph/panel.ts': "import * as vscode from 'vscode';\nimport { LanguageClient } from 'vscode-languageclient/node';\nimport { r } from '../../protocol/lsp';\nimport { plan } from '../../core/analysis/deep/plan';\nexport const e = [vscode, LanguageClient, r, plan];\n",
      'src/webview/render/canvas.ts': "import type { Request } from '../../protocol/planRequests';\nimport { plan } from '../../core/analysis/deep/plan';\nexport type W = Request;\nexport const w = plan;\n",
      'src/cli/main.ts': "import { plan } from '../core/analysis/deep/plan';\nimport { readFileSync } from 'node:fs';\nexport const c = [plan, readFileSync];\n",
    });
    assert.deepEqual(vs, []);
  });
});
