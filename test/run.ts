/**
 * The test command: runs every tier (unit, then the in-editor tiers) and closes with one count line.
 * Usage: tsx test/run.ts [--only unit|integration|ui] [--grep PATTERN]
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

const unitTier: Tier = {
  name: 'unit',
  async run(grep) {
    const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', timeout: 60_000, ...(grep !== undefined ? { grep } : {}) });
    for (const file of testFiles(path.join(__dirname, 'unit'))) mocha.addFile(file);
    await mocha.loadFilesAsync();
    return new Promise((resolve) => {
      const runner = mocha.run(() => {
        const s = runner.stats;
        resolve({ passed: s?.passes ?? 0, failed: s?.failures ?? 0, skipped: s?.pending ?? 0 });
      });
    });
  },
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined;
  const tiers = [unitTier, ...editorTiers].filter((t) => only === undefined || t.name === only);
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
