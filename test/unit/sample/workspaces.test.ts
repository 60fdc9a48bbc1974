import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { scratchRoot } from '../../../scripts/editor/paths';
import { analyzeNodeLinkText } from '../../../src/core/analysis/analyzePlan';
import { generateSample } from '../../../src/core/sample/generateSample';
import { COMPLETE_MARKER, ensureWorkspace, HOSTILE_TASK_NAME, hostileWorkspace, largeWorkspace, LONG_TASK_NAME, taskGraphFiles } from '../../support/largeWorkspace';

interface NodeLink {
  nodes: { id: number; data: Record<string, string> }[];
  links: { source: number; target: number; id: number; data: Record<string, string> }[];
}

function walk(dir: string, base = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const rel = base === '' ? name : `${base}/${name}`;
    return statSync(path.join(dir, name)).isDirectory() ? walk(path.join(dir, name), rel) : [rel];
  });
}

suite('test workspaces (test/support/largeWorkspace)', () => {
  test('largeWorkspace(2000): the generated sample under the scratch folder, its graph analyses to 2000 tasks, reused', () => {
    const dir = largeWorkspace(2000);
    assert.ok(path.isAbsolute(dir) && dir.startsWith(scratchRoot + path.sep), dir);
    assert.ok(existsSync(path.join(dir, COMPLETE_MARKER)));
    const expected = generateSample({ tasks: 2000, runs: 1, seed: 1 });
    assert.deepEqual(walk(dir).filter((p) => p !== COMPLETE_MARKER).sort(), expected.map((f) => f.path).sort());
    const graphs = taskGraphFiles(dir);
    assert.equal(graphs.length, 1);
    const text = readFileSync(graphs[0], 'utf8');
    assert.equal(text, new TextDecoder().decode(expected.find((f) => f.path.endsWith('task_graph_node_link.json'))!.bytes));
    const analysis = analyzeNodeLinkText(text, graphs[0]);
    assert.deepEqual(analysis.issues, []);
    assert.equal(analysis.tasks.length, 2000);
    assert.equal(largeWorkspace(2000), dir);
    assert.throws(() => largeWorkspace(100_001), RangeError);
  });

  test('a complete folder is reused without writing; an incomplete or different one is rebuilt', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'plan-lens-workspaces-'));
    try {
      const dir = path.join(root, 'w');
      let writes = 0;
      const write = (target: string): void => {
        writes++;
        writeFileSync(path.join(target, 'a.txt'), `build ${writes}`);
      };
      assert.equal(ensureWorkspace(dir, write, 'v1'), dir);
      assert.equal(ensureWorkspace(dir, write, 'v1'), dir);
      assert.equal(writes, 1);
      assert.equal(readFileSync(path.join(dir, COMPLETE_MARKER), 'utf8'), 'v1');
      // A crash before the marker leaves no marker: the folder is built again.
      rmSync(path.join(dir, COMPLETE_MARKER));
      ensureWorkspace(dir, write, 'v1');
      assert.equal(readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'build 2');
      ensureWorkspace(dir, write, 'v2');
      assert.equal(readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'build 3');
      // A failed build leaves neither the folder nor its temporary sibling.
      assert.throws(() => ensureWorkspace(path.join(root, 'broken'), () => { throw new Error('boom'); }, 'v1'), /boom/);
      assert.deepEqual(readdirSync(root).sort(), ['w']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('hostileWorkspace(): markup and a 2,000-character name in the task graph, which still analyses cleanly', () => {
    const dir = hostileWorkspace();
    assert.ok(dir.startsWith(scratchRoot + path.sep), dir);
    assert.equal(LONG_TASK_NAME.length, 2000);
    const [file] = taskGraphFiles(dir);
    const text = readFileSync(file, 'utf8');
    const analysis = analyzeNodeLinkText(text, file);
    assert.deepEqual(analysis.issues, []);
    assert.equal(analysis.tasks.length, 60);
    assert.ok(analysis.tasks.includes(HOSTILE_TASK_NAME) && analysis.tasks.includes(LONG_TASK_NAME));

    const graph = JSON.parse(text) as NodeLink;
    const task = (name: string) => graph.nodes.find((n) => n.data.kind === 'task' && n.data.name === name)!;
    const evidence = (name: string) => graph.nodes.find((n) => n.data.kind === 'evidence' && n.data.name === name);
    for (const name of [HOSTILE_TASK_NAME, LONG_TASK_NAME]) {
      assert.equal(task(name).data.output, name);
      assert.ok(evidence(name) !== undefined, `evidence node ${name.slice(0, 20)}`);
      // Consumed by another task (its lists are Python json.dumps text) and produced by a link of its own.
      assert.ok(graph.nodes.some((n) => n.data.kind === 'task' && (JSON.parse(n.data.sources) as string[]).includes(name)));
      assert.ok(graph.links.some((l) => l.data.kind === 'produces' && l.data.name === name));
      assert.ok(graph.links.some((l) => l.data.kind === 'requires' && l.data.name === name));
    }
    // The embedded lists keep Python's ensure_ascii escaping of the quote.
    assert.ok(text.includes(String.raw`\"<img src=x onerror=alert(1)>\\\"'&\"`));
    assert.ok(!walk(dir).some((p) => /plan_(schedule|validation)_v1/.test(p)), 'the envelopes listing the old names are left out');
  });
});
