import * as assert from 'node:assert/strict';
import { openTaskGraphFromView, screenshot, workbench } from './workbench';
import { runFromPalette } from '../../scripts/editor/browser';

suite('Workbench: plan graph', () => {
  test('the plan graph draws every task, and stepping along the critical path selects the task in the plan file', async () => {
    const { page } = workbench();
    await openTaskGraphFromView(0);
    await runFromPalette(page, 'Plan Lens: Show Plan Graph');
    // The webview: VS Code's host iframe, then the extension's page inside it.
    const graph = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await graph.locator('#path-info', { hasText: 'critical path:' }).waitFor({ timeout: 60_000 });
    assert.equal(await graph.locator('g.node').count(), 60);
    const critical = await graph.locator('g.node.critical').count();
    assert.ok(critical >= 2, `${critical} tasks on the critical path`);
    assert.match((await graph.locator('#path-info').textContent()) ?? '', /critical path: \d+ tasks, length [\d.]+/);
    assert.equal(await graph.locator('path.edge.critical').count(), critical - 1);

    await graph.locator('#next').click();
    await graph.locator('#path-info', { hasText: 'step 1 of' }).waitFor();
    assert.equal(await graph.locator('g.node.selected').count(), 1);
    // The host selects the task's name in the plan file (drawn as an unfocused selection: the graph keeps focus).
    await page.locator('.monaco-editor .selected-text').first().waitFor({ timeout: 30_000 });
    await screenshot('plan-lens-graph');
    await screenshot('plan-lens-graph-webview', page.locator('iframe.webview.ready').last());
  });

  test('comparing with the other run: the baseline is picked from a list and the comparison shows above the graph', async () => {
    const { page } = workbench();
    await openTaskGraphFromView(0);
    await runFromPalette(page, 'Plan Lens: Compare Plan Graphs…');
    const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'task_graph_node_link.json' }).first();
    await pick.waitFor();
    await page.keyboard.press('Enter');
    const graph = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    const line = graph.locator('#compared', { hasText: 'against ' });
    await line.waitFor({ timeout: 60_000 });
    // The sample's two runs were planned alike: nothing added, removed or re-costed.
    assert.match((await line.textContent()) ?? '', /0 tasks added, none removed, 0 with another cost; critical path length [\d.]+ → [\d.]+/);
    assert.equal(await graph.locator('g.node.change-added, g.node.change-cost').count(), 0);
    await screenshot('plan-lens-graph-compare', page.locator('iframe.webview.ready').last());
  });

  test("the second run's graph greys the planned tasks its recorded drift says never ran", async () => {
    const { page } = workbench();
    // Plan Files lists the runs in path order: the second task graph is the run with drift.
    await openTaskGraphFromView(1);
    await runFromPalette(page, 'Plan Lens: Show Plan Graph');
    const graph = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    const line = graph.locator('#drift', { hasText: 'run drift' });
    await line.waitFor({ timeout: 60_000 });
    assert.match((await line.textContent()) ?? '', /52 of 60 planned tasks admitted; 9 not run \(greyed\); not planned but run: rel_ast_span_map_legacy_v0; generations never admitted: 7/);
    assert.equal(await graph.locator('g.node.not-run').count(), 9);
    await screenshot('plan-lens-graph-drift', page.locator('iframe.webview.ready').last());
  });
});
