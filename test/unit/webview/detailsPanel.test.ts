import * as assert from 'node:assert/strict';
import type { TaskDetails } from '../../../src/protocol/planRequests';
import { createDetailsPanel } from '../../../src/webview/panels/detailsPanel';
import { formatNumber as displayNumber } from '../../../src/core/text/formatNumber';
import type { HopDirection } from '../../../src/webview/panels/graphIndex';
import { FakeDocument, FakeEvent, fake, type FakeElement } from './fakeDom';

const hostile = `<img src=x onerror=alert(1)>"'&`;

const scanTask: TaskDetails = {
  name: 'scan_unit_1cbd29cd0ceb382b',
  kind: 'scan',
  generation: 0,
  priority: 100,
  cost: 371.50000000000006,
  costFrom: 'recorded',
  costSource: { kind: 'recorded', file: '.artifacts/diagnostics/run/plan_schedule_v1.json', recordedTasks: 60 },
  bottomLevel: 2414.6000000000004,
  slack: 228.79999999999984,
  criticalStep: 1,
  criticalPathTasks: 8,
  inputs: [],
  outputs: [{ name: 'scip_index_v1', dataset: 'scip_index_v1', columns: [{ name: 'symbol', type: 'Utf8' }, { name: 'file_id', type: 'Int64' }, { name: hostile }] }],
  upstream: [],
  downstream: ['rel_scip_blame_v1', hostile, 'gone_task'],
  fingerprint: { value: 'sha256:0f1e', verified: 'ok' },
  deltaPins: [{ dataset: 'scip_index_v1', version: 3, state: 'stale: 2 versions behind', candidateFiles: 1234, scanUnit: 'scan_unit_1cbd29cd0ceb382b', projectedColumns: ['symbol', 'file_id'], pushedFilters: [] }],
  cache: { status: 'recomputed', reason: 'code version changed' },
  drift: 'admitted',
};

const viewTask: TaskDetails = {
  name: hostile,
  kind: 'view',
  generation: 4,
  priority: 0,
  cost: 1,
  costFrom: 'priority',
  costSource: { kind: 'priority' },
  criticalPathTasks: 8,
  inputs: [{ name: 'ev<b>', columns: [] }],
  outputs: [],
  upstream: ['scan_unit_1cbd29cd0ceb382b'],
  downstream: [],
  fingerprint: { value: 'x', verified: 'mismatch', reason: 'plan changed' },
  deltaPins: [],
  drift: 'not-run',
};

function setUp() {
  const doc = new FakeDocument();
  const names = ['scan_unit_1cbd29cd0ceb382b', 'rel_scip_blame_v1', hostile];
  const events: string[] = [];
  const panel = createDetailsPanel(doc.asDocument, {
    taskOf: (name) => names.indexOf(name),
    onReveal: (t) => events.push(`reveal ${t}`),
    onSelect: (t) => events.push(`select ${t}`),
    onFocus: (t, hops: number, direction: HopDirection) => events.push(`focus ${t} ${hops} ${direction}`),
    onCollapseGeneration: (t) => events.push(`collapse ${t}`),
    onClose: () => events.push('close'),
  });
  const root = fake(panel.element);
  doc.body.append(root);
  return { doc, panel, root, events };
}

/** The value of a <dt> label in the panel's description lists. */
function fact(root: FakeElement, label: string): string | undefined {
  for (const dt of root.byTag('dt')) {
    if (dt.textContent === label && dt.parentNode !== undefined) {
      const siblings = dt.parentNode.children;
      return siblings[siblings.indexOf(dt) + 1]?.textContent;
    }
  }
  return undefined;
}

suite('panels: details panel (fake DOM)', () => {
  test('a scan task: facts rounded for display, where the cost came from, critical step, evidence, fingerprint, pin and scan unit, cache, drift', () => {
    const { panel, root } = setUp();
    panel.show(scanTask);
    assert.ok(!root.hidden);
    assert.equal(root.byClass('pl-details-title')[0].textContent, scanTask.name);
    assert.equal(fact(root, 'Kind'), 'scan');
    assert.equal(fact(root, 'Generation'), '0');
    assert.equal(fact(root, 'Cost'), '371.5 (recorded in plan_schedule_v1.json)');
    assert.equal(root.byTag('dd')[2].children[0]?.title, '.artifacts/diagnostics/run/plan_schedule_v1.json', 'the schedule file by name, its path on hover');
    assert.equal(fact(root, 'Bottom level'), '2414.6');
    assert.equal(fact(root, 'Slack'), '228.8');
    assert.equal(fact(root, 'Critical path'), 'step 1 of 8');
    assert.equal(fact(root, 'Cache'), 'recomputed: code version changed');
    assert.equal(fact(root, 'Drift'), 'admitted by the run');
    assert.equal(fact(root, 'Pinned version'), '3');
    assert.equal(fact(root, 'State'), 'stale: 2 versions behind');
    assert.equal(fact(root, 'Candidate files'), '1,234');
    assert.equal(fact(root, 'Scan unit'), 'scan_unit_1cbd29cd0ceb382b');
    assert.equal(fact(root, 'Projected columns'), 'symbol, file_id');
    assert.equal(fact(root, 'Pushed filters'), 'none');
    assert.ok(root.byClass('pl-pin-attention').length === 1, 'a stale pin stands out');
    assert.equal(root.byClass('pl-details-fingerprint')[0].textContent, 'sha256:0f1e');
    assert.match(root.byClass('pl-details-verify')[0].textContent, /confirmed/);
    const cells = root.byTag('td').map((td) => td.textContent);
    assert.deepEqual(cells, ['symbol', 'Utf8', 'file_id', 'Int64', hostile, '—']);
    assert.match(root.textContent, /scans scip_index_v1/);
    assert.match(root.textContent, /Inputs.*None recorded/);
  });

  test('a view task with a hostile name: every string is text, nothing becomes an element; priority costs say so', () => {
    const { panel, root } = setUp();
    panel.show(viewTask);
    assert.equal(root.byClass('pl-details-title')[0].textContent, hostile);
    assert.equal(root.byClass('pl-details-title')[0].title, hostile, 'the full name on hover too');
    assert.equal(root.byTag('img').length + root.byTag('b').length, 0);
    assert.equal(fact(root, 'Cost'), '1 (max(priority, 1), priority 0)');
    assert.equal(fact(root, 'Critical path'), 'not on it');
    assert.equal(fact(root, 'Drift'), 'planned, never admitted in this run');
    assert.equal(fact(root, 'Bottom level'), undefined);
    assert.match(root.byClass('pl-details-verify')[0].textContent, /does not match.*plan changed/);
    assert.match(root.textContent, /ev<b>/);
  });

  test('a first critical task with slack says why (the path leaves out its first cost); a cache reason that repeats its status says it once', () => {
    const { panel, root } = setUp();
    const why = /On the critical path with slack 228\.8: the pipeline measures the path without its first task's cost/;
    panel.show(scanTask);
    assert.match(root.textContent, why);
    for (const other of [{ ...scanTask, slack: 0 }, { ...scanTask, criticalStep: 2 }, { ...scanTask, criticalStep: undefined }]) {
      panel.show(other);
      assert.doesNotMatch(root.textContent, /On the critical path with slack/);
    }
    panel.show({ ...scanTask, cache: { status: 'hit', reason: 'cache hit: identical cache_key already in the metadata store' } });
    assert.equal(fact(root, 'Cache'), 'cache hit: identical cache_key already in the metadata store');
    panel.show({ ...scanTask, cache: { status: 'executed', reason: '' } });
    assert.equal(fact(root, 'Cache'), 'executed');
  });

  test('upstream and downstream names are links that select the task; names not in the drawn plan are plain text', () => {
    const { panel, root, events } = setUp();
    panel.show(scanTask);
    const links = root.byClass('pl-task-links')[0];
    const buttons = links.byTag('button');
    assert.deepEqual(buttons.map((b) => b.textContent), ['rel_scip_blame_v1', hostile]);
    buttons[1].click();
    assert.deepEqual(events, ['select 2']);
    assert.ok(links.textContent.includes('gone_task'));
    panel.show({ ...scanTask, downstream: Array.from({ length: 500 }, () => 'rel_scip_blame_v1') });
    assert.equal(root.byClass('pl-task-links')[0].byTag('button').length, 200);
    assert.match(root.byClass('pl-task-links')[0].textContent, /and 300 more/);
  });

  test('reveal, focus and collapse hand the task to the page, with the chosen hops and direction', () => {
    const { panel, root, events } = setUp();
    panel.show(scanTask);
    root.byClass('pl-details-reveal')[0].click();
    root.byClass('pl-details-focus-down')[0].click();
    root.byClass('pl-details-hops')[0].value = '3';
    root.byClass('pl-details-focus-up')[0].click();
    root.byClass('pl-details-hops')[0].value = 'Infinity';
    root.byClass('pl-details-focus-both')[0].click();
    root.byClass('pl-details-collapse')[0].click();
    assert.deepEqual(events, ['reveal 0', 'focus 0 1 down', 'focus 0 3 up', 'focus 0 Infinity both', 'collapse 0']);
  });

  test('loading, a stale answer dropped, the task gone from the plan, and close', () => {
    const { panel, root, events } = setUp();
    assert.ok(root.hidden);
    panel.showLoading(scanTask.name);
    assert.equal(root.getAttribute('aria-busy'), 'true');
    assert.match(root.textContent, /Loading details/);
    panel.receive('another_task', viewTask);
    assert.match(root.textContent, /Loading details/, 'an answer for a task no longer awaited is dropped');
    panel.receive(scanTask.name, scanTask);
    assert.equal(root.getAttribute('aria-busy'), 'false');
    assert.equal(fact(root, 'Slack'), '228.8');
    panel.showLoading(viewTask.name);
    panel.receive(viewTask.name, null);
    assert.match(root.textContent, /no longer in the plan/);
    assert.equal(panel.task, viewTask.name);
    root.byClass('pl-details-close')[0].click();
    assert.ok(root.hidden);
    assert.equal(panel.task, undefined);
    assert.deepEqual(events, ['close']);
  });

  test('keys pressed in the panel do not reach the graph', () => {
    const { doc, panel, root } = setUp();
    const leaked: string[] = [];
    doc.body.addEventListener('keydown', (e) => leaked.push(e.key));
    panel.show(scanTask);
    for (const b of root.byTag('button')) for (const k of ['Enter', ' ', '[', 'n', 'ArrowRight']) b.dispatchEvent(new FakeEvent('keydown', { key: k }));
    assert.deepEqual(leaked, []);
  });

  test('numbers for display: at most 3 decimals, trailing zeros trimmed, no float noise', () => {
    assert.equal(displayNumber(228.79999999999984), '228.8');
    assert.equal(displayNumber(100), '100');
    assert.equal(displayNumber(0.1 + 0.2), '0.3');
    assert.equal(displayNumber(1.23456), '1.235');
    assert.equal(displayNumber(-0.0001), '0');
    assert.equal(displayNumber(-2.5), '-2.5');
    assert.equal(displayNumber(Number.NaN), '–');
    assert.equal(displayNumber(Infinity), '∞');
  });
});
