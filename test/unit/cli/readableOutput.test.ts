/** What a person reads from the CLI: the progress line's steps, cache's error alone, analyze DIR naming its runs, table formats. */

import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { stderrProgress } from '../../../src/cli/progress';
import { needCorpus, repoRoot } from '../../support/corpus';

async function run(args: string[], cwd = repoRoot): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd });
  return { code, out, err };
}

suite('the CLI, read by a person', () => {
  test('progress: named steps show with their number, cut to the terminal width, after the first second only', () => {
    let t = 0;
    const written: string[] = [];
    const p = stderrProgress('analyze plan.json', { isTTY: true, columns: 40, write: (text) => written.push(text) }, () => t);
    p.update(1, 3, 'reading the file');
    t = 1500;
    p.update(2, 3, "reading its run's schedule");
    p.done();
    assert.deepEqual(written, ["\ranalyze plan.json: reading its run's s…\u001b[K", '\r\u001b[K']);
  });

  test('cache: a missing path says so, and an empty folder gets its error without an empty store header', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-lens-cache-'));
    try {
      const missing = await run(['cache', path.join(dir, 'nope')]);
      assert.equal(missing.code, 1);
      assert.equal(missing.out, '');
      assert.match(missing.err, /nope: error \[file-not-found\] no such path/);
      const empty = await run(['cache', dir]);
      assert.equal(empty.code, 1);
      assert.equal(empty.out, '');
      assert.match(empty.err, /hamilton-cache-not-found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('analyze DIR with several runs names them and the run whose schedule gave the costs', async () => {
    const workspace = path.join(repoRoot, 'examples', 'workspace');
    const r = await run(['analyze', workspace]);
    const runs = /^ {2}runs +2 joined \(([^,]+), ([^)]+)\); costs from run (\S+)'s schedule/m.exec(r.out);
    assert.ok(runs, r.out);
    assert.ok([runs[1], runs[2]].includes(runs[3]));
    const json = JSON.parse((await run(['analyze', workspace, '--json'])).out) as { runs: { ids: string[]; costsFrom: string } };
    assert.deepEqual(json.runs, { ids: [runs[1], runs[2]], costsFrom: runs[3] });
    const oneRun = await run(['analyze', path.join(workspace, '.artifacts', 'diagnostics', runs[3])]);
    assert.doesNotMatch(oneRun.out, /joined/);
  });

  test('table: aligned text by default, --format tsv|csv|json, and a wrong format is a usage error', async function () {
    const file = path.join(needCorpus(this, 'arrow'), 'parquet', 'alltypes-java.parquet');
    const json = JSON.parse((await run(['table', file, '--format', 'json'])).out) as { columns: string[]; rows: unknown[] };
    assert.ok(json.rows.length > 0);
    const text = (await run(['table', file])).out.replace(/\n$/, '').split('\n');
    assert.equal(text.length, json.rows.length + 1);
    // Aligned: the second column starts at the same place on every line.
    const second = text[0].indexOf(json.columns[1]);
    for (const line of text) assert.match(line.slice(second - 2, second), /^ {2}$/, line);
    const tsv = (await run(['table', file, '--format', 'tsv'])).out.trimEnd().split('\n');
    assert.deepEqual(tsv[0].split('\t'), json.columns);
    const csv = (await run(['table', file, '--format', 'csv'])).out.trimEnd().split('\r\n');
    assert.equal(csv[0], json.columns.join(','));
    assert.equal((await run(['table', file, '--format', 'xml'])).code, 2);
  });
});
