/**
 * The language server's requests over pins whose tables are in a bucket (the S3 test server on
 * 127.0.0.1, test/support/s3Server.ts): a copy of the sample workspace whose `build/delta` tables were
 * moved to `s3://<bucket>/warehouse/build/delta`, found through `planLens.objectStore.dataRoot`; task
 * details and the Delta Pins view sharing one provenance; the view's answer without states; and requests
 * the editor cancels while the store does not answer. Oracle: the same requests over the sample itself,
 * whose tables are local (the words and states must be the same).
 */

import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { DeltaPinItem, TreeScope } from '../../../src/protocol/trees';
import { planRequestHandlers } from '../../../src/server/plans/planRequests';
import { PlanSessions } from '../../../src/server/plans/planSessions';
import { treeRequestHandlers } from '../../../src/server/trees/treeRequests';
import { S3TestServer, TEST_BUCKET } from '../../support/s3Server';
import { sampleRuns, sampleWorkspace } from '../trees/sampleFacts';

const DATA_ROOT = `s3://${TEST_BUCKET}/warehouse`;
/** The sample's stale pin: an OPTIMIZE after the runs removed two of its three candidate files from the table. */
const STALE_TASK = 'scan_unit_7c5486375ae83316';
/** A view of the second run whose two pins are current. */
const VIEW_TASK = 'ast_attrs_v1';
/** A cancelled request must answer well before any store timeout (10 s an attempt). */
const PROMPT_MS = 2_000;

const uriOf = (file: string): string => pathToFileURL(file).toString();

interface Server {
  readonly plans: PlanSessions;
  readonly details: ReturnType<typeof planRequestHandlers>;
  readonly trees: ReturnType<typeof treeRequestHandlers>;
}

function languageServer(root: string, objectStore: Record<string, unknown>): Server {
  const plans = new PlanSessions({ get: () => undefined });
  plans.setWorkspaceRoots([root]);
  plans.setObjectStore(objectStore);
  return { plans, details: planRequestHandlers(plans, () => undefined), trees: treeRequestHandlers(plans, () => undefined) };
}

async function until(what: string, condition: () => boolean, limitMs = 10_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > end) assert.fail(`waited ${limitMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What the request ended with, and how long after `since` it ended. */
async function outcome(request: Promise<unknown>, since: () => number): Promise<{ readonly error: unknown; readonly ms: number }> {
  try {
    await request;
    return { error: undefined, ms: Date.now() - since() };
  } catch (error) {
    return { error, ms: Date.now() - since() };
  }
}

function assertCancelled(error: unknown): void {
  assert.ok(error instanceof ResponseError, `not a ResponseError: ${String(error)}`);
  assert.equal(error.code, LSPErrorCodes.RequestCancelled);
}

function pinsByDataset(datasets: readonly { readonly dataset: string; readonly pins: readonly DeltaPinItem[] }[]): Map<string, [string, string][]> {
  return new Map(datasets.map((d) => [d.dataset, d.pins.map((p): [string, string] => [p.stateKind, p.state])]));
}

suite('language server: pins in a bucket, found through the data root; cancelled requests', function () {
  this.timeout(120_000);
  let server: S3TestServer;
  let workspace: string;
  let plan: string;
  let scope: TreeScope;
  let store: Record<string, unknown>;
  let unhandled = 0;
  const onUnhandled = (): void => {
    unhandled++;
  };

  suiteSetup(async () => {
    server = await S3TestServer.start();
    await server.upload(path.join(sampleWorkspace, 'build', 'delta'), 'warehouse/build/delta');
    workspace = mkdtempSync(path.join(tmpdir(), 'plan-lens-bucket-'));
    cpSync(sampleWorkspace, workspace, { recursive: true });
    // The pipeline's tables are in the bucket, not beside `.artifacts`.
    rmSync(path.join(workspace, 'build', 'delta'), { recursive: true, force: true });
    plan = uriOf(path.join(workspace, '.artifacts', 'diagnostics', sampleRuns[1], 'task_graph_node_link.json'));
    scope = { roots: [uriOf(workspace)] };
    store = { endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true };
    process.on('unhandledRejection', onUnhandled);
  });

  suiteTeardown(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server?.stop();
    if (workspace !== undefined) rmSync(workspace, { recursive: true, force: true });
  });

  setup(() => server.reset());

  teardown(() => assert.equal(unhandled, 0, 'an unhandled rejection escaped a request'));

  test('without the data root the pins are not in the workspace; with it, current and stale as locally, in task details and the Delta Pins view alike', async () => {
    const local = languageServer(sampleWorkspace, {});
    const localPlan = uriOf(path.join(sampleWorkspace, '.artifacts', 'diagnostics', sampleRuns[1], 'task_graph_node_link.json'));
    const expectedStale = (await local.details.taskDetails({ uri: localPlan, task: STALE_TASK }))?.deltaPins[0]?.state;
    assert.match(expectedStale ?? '', /^stale: 1 version behind/);
    const expectedPins = pinsByDataset((await local.trees.deltaPins({ roots: [uriOf(sampleWorkspace)] })).datasets);

    const { plans, details, trees } = languageServer(workspace, store);
    assert.equal((await details.taskDetails({ uri: plan, task: STALE_TASK }))?.deltaPins[0]?.state, 'table not in the workspace: not checked');
    for (const pin of (await trees.deltaPins(scope)).datasets.flatMap((d) => d.pins)) assert.equal(pin.stateKind, 'not-checked', `${pin.dataset}: ${pin.state}`);
    assert.equal(server.requests.length, 0, 'without a data root nothing is asked of the bucket');

    plans.setObjectStore({ ...store, dataRoot: `${DATA_ROOT}/` });
    const pins = await trees.deltaPins(scope);
    assert.deepEqual(pinsByDataset(pins.datasets), expectedPins, 'the bucket says what the local tables say');
    assert.ok(pins.datasets.some((d) => d.pins.some((p) => p.stateKind === 'stale')) && pins.datasets.some((d) => d.pins.some((p) => p.stateKind === 'current')));
    const read = server.requests.length;
    assert.ok(read > 0);
    // The graph's task details share the view's provenance: the pins are not read again.
    assert.equal((await details.taskDetails({ uri: plan, task: STALE_TASK }))?.deltaPins[0]?.state, expectedStale);
    assert.deepEqual((await details.taskDetails({ uri: plan, task: VIEW_TASK }))?.deltaPins.map((p) => p.state), ['current', 'current']);
    assert.equal(server.requests.length, read, 'task details read the bucket again');

    // The scan units' candidate files are looked for in the bucket: present, with their sizes.
    const stale = pins.datasets.flatMap((d) => d.pins).find((p) => p.stateKind === 'stale');
    const units = (await trees.deltaScanUnits({ ...scope, pin: stale?.key ?? '' })).scanUnits.filter((u) => u.candidateFiles.length > 0);
    assert.ok(units.length > 0);
    for (const f of units.flatMap((u) => u.candidateFiles)) {
      assert.deepEqual([f.present, f.size, f.uri], [true, statSync(path.join(sampleWorkspace, f.path)).size, undefined], f.path);
    }

    // Another setting's change keeps what was read; a change of the store's settings reads again.
    plans.setObjectStore({ ...store, dataRoot: DATA_ROOT });
    server.reset();
    await trees.deltaPins(scope);
    assert.equal(server.requests.length, 0, 'the same settings again: nothing is read again');
    plans.setObjectStore(store);
    assert.equal((await details.taskDetails({ uri: plan, task: STALE_TASK }))?.deltaPins[0]?.state, 'table not in the workspace: not checked');
  });

  test('the Delta Pins view without states: at once, each pin reading where its table is, nothing read; then the states, then known at once', async () => {
    const { trees } = languageServer(workspace, { ...store, dataRoot: DATA_ROOT });
    const first = await trees.deltaPins({ ...scope, states: false });
    const pins = first.datasets.flatMap((d) => d.pins);
    assert.ok(pins.length > 0);
    for (const pin of pins) {
      assert.equal(pin.stateKind, 'reading', pin.dataset);
      assert.ok(pin.state.startsWith(`reading ${DATA_ROOT}/build/delta/${pin.dataset}`), pin.state);
    }
    assert.equal(server.requests.length, 0, 'the first answer reads no table');
    const read = await trees.deltaPins(scope);
    assert.ok(read.datasets.flatMap((d) => d.pins).every((p) => p.stateKind === 'current' || p.stateKind === 'stale'));
    const requests = server.requests.length;
    assert.deepEqual(await trees.deltaPins({ ...scope, states: false }), read, 'states read once are known without reading');
    assert.equal(server.requests.length, requests);
  });

  test('a request cancelled while the bucket does not answer ends at once with RequestCancelled; the next one reads again', async () => {
    const { details, trees } = languageServer(workspace, { ...store, dataRoot: DATA_ROOT });
    const cancelled = async (request: (token: CancellationTokenSource['token']) => Promise<unknown>): Promise<void> => {
      server.reset();
      server.hang();
      const source = new CancellationTokenSource();
      let cancelledAt = 0;
      const ended = outcome(request(source.token), () => cancelledAt);
      await until('the store is asked', () => server.requests.length > 0);
      cancelledAt = Date.now();
      source.cancel();
      const { error, ms } = await ended;
      assertCancelled(error);
      assert.ok(ms < PROMPT_MS, `answered ${ms} ms after the cancellation`);
    };
    await cancelled((token) => details.taskDetails({ uri: plan, task: STALE_TASK }, token));
    await cancelled((token) => trees.deltaPins(scope, token));
    // The scan units' files are looked for in the bucket too.
    const pin = (await trees.deltaPins({ ...scope, states: false })).datasets.flatMap((d) => d.pins).find((p) => p.scanUnits > 0);
    await cancelled((token) => trees.deltaScanUnits({ ...scope, pin: pin?.key ?? '' }, token));

    server.reset();
    const again = await details.taskDetails({ uri: plan, task: STALE_TASK }, new CancellationTokenSource().token);
    assert.match(again?.deltaPins[0]?.state ?? '', /^stale: 1 version behind/, 'a cancelled read is not kept');
    assert.ok(server.requests.length > 0, 'the table was read again');
    const pins = (await trees.deltaPins(scope)).datasets.flatMap((d) => d.pins);
    assert.ok(pins.every((p) => p.stateKind === 'current' || p.stateKind === 'stale'), pins.map((p) => `${p.dataset}: ${p.state}`).join('\n'));
  });

  test('a read two requests wait for goes on when one of them is cancelled', async () => {
    const { details } = languageServer(workspace, { ...store, dataRoot: DATA_ROOT });
    server.hang();
    const source = new CancellationTokenSource();
    const first = outcome(details.taskDetails({ uri: plan, task: STALE_TASK }, source.token), () => 0);
    const second = details.taskDetails({ uri: plan, task: STALE_TASK }, new CancellationTokenSource().token);
    await until('the store is asked', () => server.requests.length > 0);
    const asked = server.requests.length;
    source.cancel();
    assertCancelled((await first).error);
    // The shared read's request is still open (not aborted): answered now, it is retried and read.
    assert.equal(server.requests.length, asked);
    server.heal();
    assert.match((await second)?.deltaPins[0]?.state ?? '', /^stale: 1 version behind/);
  });
});
