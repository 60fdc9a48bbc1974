import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalPlanJson } from '../../../src/core/analysis/canonicalPlan';
import { randomNodeLinkText } from '../../support/randomPlans';

interface Doc {
  attrs: Record<string, string>;
  nodes: Array<{ id: number; data: Record<string, string> }>;
  links: Array<{ source: number; target: number; id: number; data: Record<string, string> }>;
}

/** The same plan with its node ids renumbered and its nodes and links in another order, as another writer might. */
function renumbered(doc: Doc, seed: number): Doc {
  const rank = (i: number): number => (Math.imul(i + 1, 2654435761) ^ seed) >>> 0;
  const ids = doc.nodes.map((n) => n.id).sort((a, b) => rank(a) - rank(b));
  const to = new Map(doc.nodes.map((n, i) => [n.id, ids[i]]));
  return {
    ...doc,
    nodes: [...doc.nodes].reverse().map((n) => ({ id: to.get(n.id) as number, data: { ...n.data } })),
    links: [...doc.links].reverse().map((l, k) => ({ source: to.get(l.source) as number, target: to.get(l.target) as number, id: k, data: { ...l.data } })),
  };
}

suite('canonical JSON of a plan (Open changes)', () => {
  test('a plan written with other node ids, in another order, has the same canonical JSON', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.nat(), (tasks, seed, shuffle) => {
        const doc = JSON.parse(randomNodeLinkText({ tasks, seed, filledLinks: true })) as Doc;
        assert.equal(canonicalPlanJson(JSON.stringify(renumbered(doc, shuffle)), 'b.json'), canonicalPlanJson(JSON.stringify(doc), 'a.json'));
      }),
      { numRuns: 40 },
    );
  });

  test('links name their ends, keys are sorted, and a changed fingerprint is the one line that differs', () => {
    const doc = JSON.parse(randomNodeLinkText({ tasks: 6, seed: 2, filledLinks: true })) as Doc;
    const text = canonicalPlanJson(JSON.stringify(doc), 'a.json');
    const parsed = JSON.parse(text) as { links: { source: string; target: string }[] };
    assert.ok(parsed.links.every((l) => /^(task|evidence):/.test(l.source) && /^(task|evidence):/.test(l.target)));
    assert.ok(text.startsWith('{\n  "attrs": {'), 'keys in code-point order');
    const changed = structuredClone(doc);
    changed.links[0].data.plan_fingerprint = 'f'.repeat(64);
    const before = text.split('\n');
    const after = canonicalPlanJson(JSON.stringify(changed), 'b.json').split('\n');
    assert.equal(before.length, after.length);
    assert.deepEqual(after.filter((line, i) => line !== before[i]), [`        "plan_fingerprint": "${'f'.repeat(64)}",`]);
  });

  test('text that is not JSON is shown as it is, with the reason first', () => {
    const out = canonicalPlanJson('{"nodes": [', 'broken.json');
    assert.match(out, /^\/\/ broken\.json is not JSON \(.+\): shown as it is\n\{"nodes": \[$/);
  });
});
