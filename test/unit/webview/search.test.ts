import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareCodePoints } from '../../../src/core/text/compareCodePoints';
import { bestMatch, parseQuery, searchIndexOf, searchTasks } from '../../../src/webview/panels/search';
import { samplePayload } from './samplePayload';
import { largePlan, planOf } from './syntheticPlan';

function namesOf(names: readonly string[], tasks: Uint32Array): string[] {
  return [...tasks].map((t) => names[t]);
}

suite('panels: search', () => {
  const { meta, arrays } = samplePayload();
  const index = searchIndexOf(meta, arrays);
  const find = (q: string): string[] => namesOf(arrays.names, searchTasks(index, q));

  test('the sample: by name, in generation then name order, whatever the case', () => {
    assert.deepEqual(find('blame'), ['rel_blame_v1', 'rel_scip_blame_v1', 'rel_ts_blame_v1', 'rel_symtable_blame_v1']);
    assert.deepEqual(find('BLAME'), find('blame'));
    assert.deepEqual(find('name:Blame'), find('blame'));
    assert.deepEqual(find('rel_ts_blame_v1'), ['rel_ts_blame_v1']);
  });

  test('the sample: by kind, as a prefix while typing, or as a plain word equal to a kind', () => {
    const scans = arrays.names.filter((_, v) => meta.kinds[arrays.kind[v]] === 'scan').sort(compareCodePoints);
    assert.equal(scans.length, 12);
    assert.deepEqual(find('kind:scan'), scans);
    assert.deepEqual(find('kind:SC'), scans);
    assert.deepEqual(find('Scan'), scans, 'the kind, and names holding "scan" (the same tasks here)');
    assert.equal(find('kind:view').length, arrays.names.length - 12);
    assert.deepEqual(find('kind:nothing'), []);
    // A bare qualifier is an unfinished term, not "everything".
    assert.deepEqual(find('kind:'), []);
  });

  test('the sample: by Delta dataset, alone or as part of a plain word, and terms combine with AND', () => {
    const git = meta.datasets.indexOf('git_history_v1');
    const gitScans = arrays.names.filter((_, v) => arrays.dataset[v] === git);
    assert.equal(gitScans.length, 1);
    assert.deepEqual(find('dataset:git_history'), gitScans);
    assert.deepEqual(find('ds:GIT'), gitScans);
    assert.deepEqual(find('git'), [...gitScans, 'rel_git_import_graph_v1', 'rel_git_module_deps_v1'], 'generation 0 scan first, then the views by generation');
    const files = arrays.names.filter((_, v) => arrays.dataset[v] >= 0 && meta.datasets[arrays.dataset[v]].includes('files'));
    assert.deepEqual(new Set(find('dataset:files')), new Set(files));
    assert.deepEqual(find('kind:view blame'), find('blame'));
    assert.deepEqual(find('kind:scan blame'), []);
    assert.deepEqual(find('ts blame'), ['rel_ts_blame_v1']);
  });

  test('empty and blank queries match nothing', () => {
    assert.equal(searchTasks(index, '').length, 0);
    assert.equal(searchTasks(index, '   \t ').length, 0);
  });

  test('queries parse into fielded terms; an unknown prefix is part of the word', () => {
    assert.deepEqual(parseQuery('  Kind:Scan  foo:bar ds:x dataset: '), [
      { field: 'kind', text: 'scan' },
      { field: 'any', text: 'foo:bar' },
      { field: 'dataset', text: 'x' },
    ]);
  });

  test('the first match to show: an exact name, else a name starting with the query, else the first', () => {
    const plan = planOf({ names: ['abc', 'xab', 'AB', 'zz'], edges: [[0, 2], [1, 2]] });
    const ix = searchIndexOf(plan.meta, plan.arrays);
    const ab = searchTasks(ix, 'ab');
    assert.deepEqual(namesOf(plan.arrays.names, ab), ['abc', 'xab', 'AB']);
    assert.equal(bestMatch(ix, ab, 'ab'), 2);
    assert.equal(bestMatch(ix, searchTasks(ix, 'b'), 'b'), 0);
    assert.equal(bestMatch(ix, searchTasks(ix, 'x'), 'x'), 0);
    assert.equal(bestMatch(ix, searchTasks(ix, 'zzz'), 'zzz'), -1);
    assert.equal(bestMatch(ix, searchTasks(ix, 'kind:view ab'), 'kind:view ab'), 0);
  });

  test('any names, any one-word query: exactly the tasks whose lowercase name contains it, in (generation, name) order', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'B', 'c', 'Ä', 'ä', '_', '\u{1F600}', 'é'), minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', 'C', 'ä', 'Ä', '_', '\u{1F600}', 'é'), maxLength: 6 }), { maxLength: 25 }), fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { maxLength: 30 }), word, (names, pairs, query) => {
        const n = names.length;
        const edges = pairs.filter(([a, b]) => a < n && b < n && a !== b).map(([a, b]) => (a < b ? [a, b] : [b, a]) as [number, number]);
        const plan = planOf({ names, edges, kinds: ['view'] });
        const ix = searchIndexOf(plan.meta, plan.arrays);
        const got = [...searchTasks(ix, query)];
        const q = query.toLowerCase();
        const g = plan.arrays.generation;
        const expected = [...names.keys()].filter((v) => names[v].toLowerCase().includes(q) || q === 'view').sort((a, b) => g[a] - g[b] || compareCodePoints(names[a], names[b]) || a - b);
        assert.deepEqual(got, expected);
      }),
      { numRuns: 300 },
    );
  });

  test('100k tasks: the index is built once, then each query is one pass (times printed)', () => {
    const big = largePlan(100_000);
    let t = performance.now();
    const ix = searchIndexOf(big.meta, big.arrays);
    const build = performance.now() - t;
    t = performance.now();
    searchTasks(ix, 'first search sorts');
    const first = performance.now() - t;
    const queries = ['view_5', 'VIEW_42_1', 'kind:scan table_1', 'ds:table_19', 'zzz-no-match', 'e'];
    const counts: string[] = [];
    searchTasks(ix, 'warm up');
    t = performance.now();
    for (const q of queries) counts.push(`${q}: ${searchTasks(ix, q).length}`);
    const each = (performance.now() - t) / queries.length;
    console.log(`      100k tasks: index ${build.toFixed(0)} ms, first search (sorts the order) ${first.toFixed(0)} ms, then ${each.toFixed(1)} ms per query (${counts.join('; ')})`);
    assert.equal(searchTasks(ix, 'e').length, 100_000);
    assert.ok(searchTasks(ix, 'kind:scan table_1').every((v) => big.meta.datasets[big.arrays.dataset[v]].includes('table_1')));
  });
});
