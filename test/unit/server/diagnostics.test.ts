import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { planDocumentIssues } from '../../../src/core/analysis/documentIssues';
import { issue } from '../../../src/core/issues';
import { LineIndex, toDiagnostic } from '../../../src/server/diagnostics';
import { randomNodeLinkText } from '../../support/randomPlans';

suite('language server diagnostics', () => {
  test('a diagnostic covers the token at the issue position, in the LSP 0-based form', () => {
    const text = '{\n  "priority": "high",\n  "id": 12.5,\n  "data": {"a": 1}\n}';
    const lines = new LineIndex(text);
    const at = (line: number, column: number): string => {
      const r = lines.tokenRange(line, column);
      assert.equal(r.start.line, r.end.line);
      return text.split('\n')[r.start.line].slice(r.start.character, r.end.character);
    };
    assert.equal(at(2, 15), '"high"');
    assert.equal(at(3, 9), '12.5');
    assert.equal(at(4, 11), '{');
    assert.equal(at(2, 3), '"priority"');
    // Unknown or impossible positions mark the start of the document rather than throw.
    for (const [line, column] of [[undefined, undefined], [99, 1], [0, 0]] as const) assert.deepEqual(lines.tokenRange(line, column), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const d = toDiagnostic(issue('warning', 'json-duplicate-key', 'duplicate', { file: 'x.json', line: 3, column: 9 }), lines);
    assert.deepEqual([d.severity, d.code, d.source, d.range.start, d.range.end], [DiagnosticSeverity.Warning, 'json-duplicate-key', 'Plan Lens', { line: 2, character: 8 }, { line: 2, character: 12 }]);
  });

  test('plan documents: a clean graph has none; bad content and cycles are found with positions', async () => {
    assert.deepEqual(await planDocumentIssues(randomNodeLinkText({ tasks: 40, seed: 2 }), 'task_graph_node_link.json'), []);
    const doc = JSON.parse(randomNodeLinkText({ tasks: 40, seed: 2 })) as { nodes: Array<{ data: Record<string, string> }> };
    const first = doc.nodes.findIndex((n) => n.data.kind === 'task');
    doc.nodes[first].data.priority = 'high';
    const issues = await planDocumentIssues(JSON.stringify(doc, null, 1), 'task_graph_node_link.json');
    assert.deepEqual(issues.map((i) => i.code), ['not-an-integer']);
    assert.ok((issues[0].location.line ?? 0) > 1 && (issues[0].location.column ?? 0) > 1);
    const link = (source: number, target: number, kind: string, name: string): object => ({ source, target, id: 0, data: { kind, name } });
    const task = (id: number, name: string): object => ({ id, data: { kind: 'task', name, priority: '100' } });
    const cycle = {
      nodes: [{ id: 0, data: { kind: 'evidence', name: 'a' } }, { id: 1, data: { kind: 'evidence', name: 'b' } }, task(2, 'a'), task(3, 'b')],
      links: [link(2, 0, 'produces', 'a'), link(3, 1, 'produces', 'b'), link(0, 3, 'requires', 'a'), link(1, 2, 'requires', 'b')],
    };
    const cyclic = await planDocumentIssues(JSON.stringify(cycle, null, 1), 'task_graph_node_link.json');
    assert.deepEqual(cyclic.map((i) => [i.code, i.location.line !== undefined]), [['dependency-cycle', true]]);
    const syntax = await planDocumentIssues('{"nodes": [', 'task_graph_node_link.json');
    assert.deepEqual(syntax.map((i) => i.code), ['json-syntax']);
  });

  test('other plan artifacts are read as their kind, from the text given', async () => {
    const schedule = { kind: 'plan_schedule', payload: { run_id: 'r', plan_signature: 's', ordered_tasks: ['a', 7], generations: [['a']] } };
    const issues = await planDocumentIssues(JSON.stringify(schedule, null, 2), 'plan_schedule_v1.json');
    assert.ok(issues.some((i) => i.severity === 'error' && i.location.line !== undefined), JSON.stringify(issues));
    assert.ok(issues.every((i) => i.location.file === undefined || i.location.file === 'plan_schedule_v1.json'));
    const clean = await planDocumentIssues(JSON.stringify({ ...schedule, payload: { ...schedule.payload, ordered_tasks: ['a'] } }), 'plan_schedule_v1.json');
    assert.deepEqual(clean.filter((i) => i.severity === 'error'), []);
  });
});
