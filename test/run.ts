/**
 * The test command: runs every tier (unit, then the in-editor tiers) and closes with one count line.
 * Usage: tsx test/run.ts [--only unit|webview|integration|ui|vsix] [--grep PATTERN]
 */

import Mocha from 'mocha';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { skipReasons } from './support/corpus';
import { editorTiers } from './editor/tiers';

export interface TierResult {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Why a whole tier did not run, printed with the totals. */
  readonly skippedBecause?: string;
}

export interface Tier {
  readonly name: string;
  run(grep: string | undefined): Promise<TierResult>;
}

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...testFiles(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** Runs every `*.test.ts` below `dir` in one mocha. */
async function mochaTier(dir: string, timeout: number, grep: string | undefined): Promise<TierResult> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', timeout, ...(grep !== undefined ? { grep } : {}) });
  for (const file of testFiles(dir)) mocha.addFile(file);
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      const s = runner.stats;
      resolve({ passed: s?.passes ?? 0, failed: s?.failures ?? 0, skipped: s?.pending ?? 0 });
    });
  });
}

const unitTier: Tier = { name: 'unit', run: (grep) => mochaTier(path.join(__dirname, 'unit'), 60_000, grep) };

/**
 * The webview in a plain Chromium page (no editor): the renderer and the layout worker under the real
 * CSP, fed real payloads. Faster than the ui tier, so the bulk of the browser checks live here.
 */
const webviewTier: Tier = { name: 'webview', run: (grep) => mochaTier(path.join(__dirname, 'webview'), 180_000, grep) };

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined;
  const tiers = [unitTier, webviewTier, ...editorTiers].filter((t) => only === undefined || t.name === only);
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const lines: string[] = [];
  for (const tier of tiers) {
    const started = Date.now();
    console.log(`\n=== ${tier.name} tests`);
    let r: TierResult;
    try {
      r = await tier.run(grep);
    } catch (e) {
      console.error(e);
      r = { passed: 0, failed: 1, skipped: 0 };
    }
    totals.passed += r.passed;
    totals.failed += r.failed;
    totals.skipped += r.skipped;
    const took = ((Date.now() - started) / 1000).toFixed(1);
    lines.push(`  ${tier.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped in ${took} s${r.skippedBecause ? ` (skipped: ${r.skippedBecause})` : ''}`);
  }
  console.log('\nSummary by tier:');
  for (const l of lines) console.log(l);
  for (const reason of skipReasons) console.log(`  skipped because ${reason}`);
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exitCode = totals.failed > 0 || totals.passed === 0 ? 1 : 0;
}

void main();
