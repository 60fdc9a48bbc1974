/**
 * `plan-lens delta s3://…` and `plan-lens analyze DIR` with the pinned tables in a bucket, against the S3
 * test server on 127.0.0.1. Expected values: the same commands on the local copies of the same tables.
 */

import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { needCorpus, repoRoot } from '../../support/corpus';
import { S3TestServer, TEST_BUCKET } from '../../support/s3Server';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd: process.cwd() });
  return { code, out, err };
}

const WORKSPACE = path.join(repoRoot, 'examples', 'workspace');

suite('CLI on tables in object storage (S3 server on 127.0.0.1)', function () {
  this.timeout(120_000);
  let server: S3TestServer;
  let corpus: string;
  let runDir: string;
  let scratch: string;

  suiteSetup(async function () {
    corpus = needCorpus(this as unknown as Mocha.Context, 'delta');
    server = await S3TestServer.start();
    await server.upload(path.join(corpus, 'simple_table_with_checkpoint'), 'corpus/simple_table_with_checkpoint');
    await server.upload(path.join(WORKSPACE, 'build', 'delta'), 'ws/build/delta');
    // The workspace's run without its tables: they are only in the bucket.
    scratch = mkdtempSync(path.join(os.tmpdir(), 'plan-lens-s3cli-'));
    cpSync(path.join(WORKSPACE, '.artifacts'), path.join(scratch, '.artifacts'), { recursive: true });
    runDir = path.join(scratch, '.artifacts', 'diagnostics', '019bfeb2-a0d4-7091-bd2a-d070b6061cb0');
  });

  suiteTeardown(async () => {
    await server?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('delta s3://… --json equals the local read; the history lists the commits since the checkpoint', async () => {
    const remote = await run(['delta', `s3://${TEST_BUCKET}/corpus/simple_table_with_checkpoint`, '--json', '--endpoint', server.endpoint, '--region', 'us-east-1']);
    const local = await run(['delta', path.join(corpus, 'simple_table_with_checkpoint'), '--json']);
    assert.equal(remote.code, 0, remote.err);
    const r = JSON.parse(remote.out);
    const l = JSON.parse(local.out);
    assert.deepEqual({ ...r, table: undefined, history: undefined }, { ...l, table: undefined, history: undefined });
    assert.deepEqual(r.history.map((c: { version: number }) => c.version), [10]);
    const full = JSON.parse((await run(['delta', `s3://${TEST_BUCKET}/corpus/simple_table_with_checkpoint`, '--json', '--full-history', '--endpoint', server.endpoint, '--region', 'us-east-1'])).out);
    assert.equal(full.history.length, 11);
    assert.deepEqual(full.history, l.history);
  });

  test('delta on a missing path says "no such path", locally and in the bucket', async () => {
    const local = await run(['delta', path.join(corpus, 'no-such-table')]);
    assert.equal(local.code, 1);
    assert.match(local.err, /no such path/);
    assert.doesNotMatch(local.err, /_delta_log/);
    const remote = await run(['delta', `s3://${TEST_BUCKET}/nothing/here`, '--endpoint', server.endpoint, '--region', 'us-east-1']);
    assert.equal(remote.code, 1);
    assert.match(remote.err, /no such path/);
  });

  test('analyze DIR resolves the pins against the tables in the bucket as it does against local ones', async () => {
    const local = JSON.parse((await run(['analyze', path.join(WORKSPACE, '.artifacts', 'diagnostics', '019bfeb2-a0d4-7091-bd2a-d070b6061cb0'), '--json'])).out);
    const remote = await run(['analyze', runDir, '--json', '--data-root', `s3://${TEST_BUCKET}/ws`, '--endpoint', server.endpoint, '--region', 'us-east-1']);
    const r = JSON.parse(remote.out);
    const states = (pins: Array<{ view: string; dataset: string; stateKind: string }>): string[] => pins.map((p) => `${p.view} ${p.dataset} ${p.stateKind}`);
    assert.ok(local.deltaPins.length >= 6);
    assert.deepEqual(states(r.deltaPins), states(local.deltaPins));
    assert.ok(r.deltaPins.some((p: { stateKind: string }) => p.stateKind === 'stale'));
    const missing = JSON.parse((await run(['analyze', runDir, '--json', '--data-root', `s3://${TEST_BUCKET}/elsewhere`, '--endpoint', server.endpoint, '--region', 'us-east-1'])).out);
    assert.ok(missing.deltaPins.every((p: { stateKind: string; state: string }) => p.stateKind === 'table-missing' && p.state.startsWith('table missing')), JSON.stringify(missing.deltaPins[0]));
    server.failNext(403, 'AccessDenied', 1000);
    const denied = JSON.parse((await run(['analyze', runDir, '--json', '--data-root', `s3://${TEST_BUCKET}/ws`, '--endpoint', server.endpoint, '--region', 'us-east-1'])).out);
    server.reset();
    assert.ok(denied.deltaPins.every((p: { stateKind: string; state: string }) => p.stateKind === 'access-denied' && p.state.startsWith('access denied')), JSON.stringify(denied.deltaPins[0]));
  });
});
