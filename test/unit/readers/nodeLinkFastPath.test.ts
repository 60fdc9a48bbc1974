import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readNodeLinkText } from '../../../src/core/readers/nodeLink';
import type { NodeLinkGraph } from '../../../src/core/readers/nodeLinkGraph';
import { readWellFormedNodeLink } from '../../../src/core/readers/nodeLinkFastPath';
import { randomNodeLinkText, seededRandom } from '../../support/randomPlans';

/** The general path's reading: its graph and whether it had anything to report. */
function general(text: string): { graph?: NodeLinkGraph; clean: boolean } {
  const r = readNodeLinkText(text, 'plan.json', { fastPath: false, checkDuplicates: true });
  return { graph: r.graph, clean: r.issues.length === 0 };
}

/** Graphs compared field by field; node pointers (functions) by their answers for every id. */
function assertSameGraph(fast: NodeLinkGraph, slow: NodeLinkGraph, text: string): void {
  const { nodePointer: fastPointer, ...fastRest } = fast;
  const { nodePointer: slowPointer, ...slowRest } = slow;
  assert.deepStrictEqual(fastRest, slowRest);
  for (const node of [...slow.evidence, ...slow.tasks]) assert.equal(fastPointer(node.id), slowPointer(node.id), `pointer of node ${node.id} in ${text.slice(0, 80)}`);
  assert.equal(fastPointer(-1), undefined);
  assert.equal(fastPointer(1 << 20), slowPointer(1 << 20));
}

/**
 * The contract: no answer, or exactly the general path's answer on a file it has nothing to say about.
 * Returns whether the fast path answered.
 */
function assertContract(text: string): boolean {
  const fast = readWellFormedNodeLink(text, 'plan.json');
  if (fast === undefined) return false;
  const slow = general(text);
  assert.ok(slow.clean, `the fast path read a file the general path reports on: ${text.slice(0, 200)}`);
  assert.ok(slow.graph !== undefined);
  assertSameGraph(fast, slow.graph, text);
  return true;
}

/** A small plan with every kind of field, including escapes and non-empty embedded lists. */
function richPlan(): Record<string, unknown> {
  const linkData = (kind: string, name: string, extra: Record<string, string> = {}): Record<string, string> => ({
    inferred: 'true',
    kind,
    name,
    plan_fingerprint: '',
    required_columns: '[]',
    required_metadata: '[]',
    required_types: '[]',
    ...extra,
  });
  return {
    directed: true,
    multigraph: false,
    attrs: { label: 'relspec' },
    nodes: [
      { id: 0, data: { kind: 'evidence', name: 'caf\u00e9 "quoted"' } },
      { id: 1, data: { kind: 'evidence', name: 'scan_unit_0213c4559682279d', scan_candidate_file_count: '2', scan_dataset_name: 'repo_files_v1', scan_delta_version: '3', scan_unit_key: 'scan::repo_files_v1::3::937aab666705ab91' } },
      { id: 2, data: { kind: 'evidence', name: 'view_a' } },
      { id: 3, data: { inputs: '["caf\\u00e9 \\"quoted\\""]', kind: 'task', name: 'view_a', output: 'view_a', priority: '100', sources: '["caf\\u00e9 \\"quoted\\"", "scan_unit_0213c4559682279d"]', task_kind: 'view' } },
      { id: 4, data: { inputs: '[]', kind: 'task', name: 'scan_unit_0213c4559682279d', output: 'scan_unit_0213c4559682279d', priority: '10', sources: '[]', task_kind: 'scan' } },
    ],
    links: [
      {
        source: 0,
        target: 3,
        id: 0,
        data: linkData('requires', 'caf\u00e9 "quoted"', {
          plan_fingerprint: '326fd1',
          required_columns: '["file_id", "path"]',
          required_types: '[{"name": "file_id", "type": "string"}, {"name": "path", "type": "string"}]',
          required_metadata: '[{"key": "6b", "value": "76"}]',
        }),
      },
      { source: 1, target: 3, id: 1, data: linkData('requires', 'scan_unit_0213c4559682279d', { inferred: 'false' }) },
      { source: 3, target: 2, id: 2, data: linkData('produces', 'view_a') },
      // A negative id: not what rustworkx writes, but the general path keeps it, so the fast path must too.
      { source: 4, target: 1, id: -37, data: linkData('produces', 'scan_unit_0213c4559682279d', { plan_fingerprint: 'abc' }) },
    ],
  };
}

suite('node-link fast path', () => {
  test('reads files as rustworkx writes them exactly as the general path does', () => {
    const texts = [JSON.stringify(richPlan()), JSON.stringify(richPlan(), null, 2), JSON.stringify(richPlan(), null, '\t')];
    for (const [tasks, seed] of [[1, 1], [7, 2], [60, 3], [300, 4], [1500, 5]]) texts.push(randomNodeLinkText({ tasks, seed }));
    texts.push(randomNodeLinkText({ tasks: 400, seed: 6, filledLinks: true }));
    for (const text of texts) {
      const fast = readWellFormedNodeLink(text, 'plan.json');
      assert.ok(fast !== undefined, `the fast path gave up on ${text.slice(0, 120)}`);
      const slow = general(text);
      assert.ok(slow.clean && slow.graph !== undefined);
      assertSameGraph(fast, slow.graph, text);
    }
  });

  test('keys in any order, unknown data keys and a null attrs still take the fast path', () => {
    const random = seededRandom(9);
    const doc = richPlan() as { attrs: unknown; nodes: Array<Record<string, unknown>>; links: Array<Record<string, unknown>> };
    const shuffle = <T>(a: T[]): T[] => a.map((x) => ({ x, k: random() })).sort((p, q) => p.k - q.k).map((p) => p.x);
    const reorder = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(shuffle(Object.entries(o)));
    // Nodes out of name order too: duplicate detection cannot rely on sorted names then.
    doc.nodes = doc.nodes.reverse().map((n) => reorder({ ...n, data: reorder({ ...(n.data as Record<string, string>), extra_note: 'kept out' }) }));
    doc.links = doc.links.map((l) => reorder({ ...l, data: reorder(l.data as Record<string, string>) }));
    doc.attrs = null;
    // Any order, except that rustworkx's nodes-before-links is kept: links are resolved against nodes.
    const { links, ...rest } = reorder(doc as unknown as Record<string, unknown>);
    const text = JSON.stringify({ ...rest, links });
    const fast = readWellFormedNodeLink(text, 'plan.json');
    assert.ok(fast !== undefined);
    const slow = general(text);
    assert.ok(slow.clean && slow.graph !== undefined);
    assertSameGraph(fast, slow.graph, text);
  });

  test('gives up on whatever the general path must report or reads differently', () => {
    const base = JSON.stringify(richPlan());
    const cases: Array<[string, string]> = [
      ['syntax error', base.slice(0, -1)],
      ['trailing garbage', base + 'x'],
      ['duplicate key', base.replace('"kind":"task","name":"view_a"', '"kind":"task","kind":"task","name":"view_a"')],
      ['duplicate unknown key', base.replace('"kind":"evidence","name":"view_a"', '"x":"1","x":"2","kind":"evidence","name":"view_a"')],
      ['non-integer priority', base.replace('"priority":"100"', '"priority":"1e2"')],
      ['float id', base.replace('"id":4,', '"id":4.0,')],
      ['dangling link', base.replace('"source":4,', '"source":9,')],
      ['undirected', base.replace('"directed":true', '"directed":false')],
      ['multigraph', base.replace('"multigraph":false', '"multigraph":true')],
      ['number in data', base.replace('"priority":"10"', '"priority":10')],
      ['bad embedded list', base.replace('"inputs":"[]"', '"inputs":"[1]"')],
      ['embedded list not JSON', base.replace('"inputs":"[]"', '"inputs":"[x"')],
      ['duplicate node name', base.replace('"name":"view_a"}}', '"name":"scan_unit_0213c4559682279d"}}')],
      ['unknown link kind', base.replace('"kind":"produces","name":"view_a"', '"kind":"creates","name":"view_a"')],
      ['bad inferred', base.replace('"inferred":"false"', '"inferred":"no"')],
      ['raw control character', base.replace('view_a', 'view\u0001a')],
      ['duplicate name out of order', JSON.stringify({ ...richPlan(), nodes: [...(richPlan().nodes as Array<{ id: number; data: Record<string, string> }>)].reverse().map((n) => (n.id === 0 ? { ...n, data: { ...n.data, name: 'view_a' } } : n)) })],
      ['links before nodes', JSON.stringify({ links: [], nodes: [] })],
      ['unknown top-level key', base.replace('"directed":true', '"directed":true,"graph":{}')],
      ['__proto__ in attrs', base.replace('"label":"relspec"', '"__proto__":"x"')],
    ];
    for (const [what, text] of cases) assert.equal(readWellFormedNodeLink(text, 'plan.json'), undefined, what);
  });

  test('fuzz: mutated plans get no answer or the general path answer', () => {
    const seeds = [JSON.stringify(richPlan()), randomNodeLinkText({ tasks: 12, seed: 3 }), JSON.stringify(richPlan(), null, 1)];
    let answered = 0;
    const pieces = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '0', '7', '-', '.', 'e', 'true', 'null', '\\u0041', '\\"', 'é', '\u0000', '"kind"', '"task"', '"[]"'];
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.constantFrom(...pieces), fc.constantFrom('insert', 'delete', 'replace', 'copy')), { minLength: 1, maxLength: 4 }),
        (seed, edits) => {
          let text = seed;
          for (const [at, length, piece, kind] of edits) {
            const i = at % (text.length + 1);
            if (kind === 'insert') text = text.slice(0, i) + piece + text.slice(i);
            else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + 1 + (length % 4));
            else if (kind === 'replace') text = text.slice(0, i) + piece + text.slice(i + piece.length);
            else text = text.slice(0, i) + text.slice(i, i + length) + text.slice(i);
          }
          if (assertContract(text)) answered++;
        },
      ),
      { numRuns: 3000 },
    );
    // Edits inside names and values keep many files readable: the fast path must have answered some.
    assert.ok(answered > 100, `the fast path answered only ${answered} of 3000 mutated files`);
  });

  test('readNodeLinkText reports through the general path when the fast path gives up', () => {
    const text = JSON.stringify(richPlan()).replace('"priority":"100"', '"priority":"high"');
    const r = readNodeLinkText(text, 'plan.json');
    assert.deepEqual(r.issues.map((i) => i.code), ['not-an-integer']);
    assert.ok((r.issues[0].location?.line ?? 0) >= 1);
  });

  test('hostile files: deep nesting gives way to the general path, which reports it; a 20 MB name is read whole', () => {
    const deep = `{"directed":true,"multigraph":false,"attrs":{},"nodes":[{"id":0,"data":{"kind":"evidence","name":"a","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}],"links":[]}`;
    assert.equal(readWellFormedNodeLink(deep, 'deep.json'), undefined);
    assert.deepEqual(readNodeLinkText(deep, 'deep.json').issues.map((i) => i.code), ['json-too-deep']);
    const long = 'n'.repeat(20_000_000);
    const huge = `{"directed":true,"multigraph":false,"attrs":{},"nodes":[{"id":0,"data":{"kind":"evidence","name":"${long}"}}],"links":[]}`;
    const read = readNodeLinkText(huge, 'huge.json');
    assert.deepEqual(read.issues, []);
    assert.equal(read.graph?.evidence[0].name.length, long.length);
  });
});
