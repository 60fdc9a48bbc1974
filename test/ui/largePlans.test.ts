import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { HOSTILE_TASK_NAME, hostileWorkspace, largeWorkspace } from '../support/largeWorkspace';
import { screenshot, showPlanLensView, workbench } from './workbench';

function graphFrame(): FrameLocator {
  return workbench().page.frameLocator('iframe.webview.ready:visible').last().frameLocator('#active-frame');
}

/** Opens `folder` in the workbench and the graph of its (first) task graph from the Runs view, with no text editor. */
async function openGraphFromRunsView(folder: string): Promise<FrameLocator> {
  const { page, urlOf } = workbench();
  await page.goto(urlOf(folder));
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await showPlanLensView();
  const row = page.locator('.pane-body .monaco-list-row', { hasText: 'task_graph_node_link.json' }).first();
  await row.waitFor({ timeout: 90_000 });
  await row.hover();
  await row.locator('.action-label[aria-label^="Show Plan Graph"]').click();
  const frame = graphFrame();
  await frame.locator('#path-info', { hasText: 'critical path:' }).waitFor({ timeout: 120_000 });
  assert.equal(await page.locator('.tabs-container .tab', { hasText: /^task_graph_node_link\.json$/ }).count(), 0, 'a text editor was opened');
  return frame;
}

suite('Workbench: large and hostile plans', () => {
  for (const tasks of [10_000, 100_000]) {
    test(`a ${tasks.toLocaleString('en')}-task plan opens from the Runs view, readable at the start of its critical path with a minimap; Fit fills the panel; a focus draws its neighbourhood laid out by ELK`, async function () {
      // Generating the 100k workspace (once per generator version) and reading 600 MB of artifacts take minutes here.
      this.timeout(600_000);
      const folder = largeWorkspace(tasks);
      const frame = await openGraphFromRunsView(folder);
      await frame.locator('#graph[data-label-px]').waitFor({ timeout: 60_000 });
      assert.ok(Number(await frame.locator('#graph').getAttribute('data-label-px')) >= 11);
      assert.equal(await frame.locator('#graph').getAttribute('data-minimap'), 'true');
      await screenshot(`plan-lens-graph-${tasks / 1000}k`);
      await frame.locator('#next').click();
      await frame.locator('#path-info', { hasText: 'step 1 of' }).waitFor();
      await frame.locator('#fit').click();
      await workbench().page.waitForTimeout(500);
      await screenshot(`plan-lens-graph-${tasks / 1000}k-fit`, workbench().page.locator('iframe.webview.ready:visible').last());
      // Focus on the second critical task (the first is a scan read by thousands): only its neighbourhood,
      // laid out by ELK when it has at most 2,000 tasks, else kept in the generation layout.
      await frame.locator('#graph').focus();
      await frame.locator('#graph').press(']');
      await frame.locator('#path-info', { hasText: 'step 2 of' }).waitFor();
      await frame.locator('#graph').press('f');
      await frame.locator('#graph:not([data-layout="refining"])[data-view-tasks]:not([data-view-tasks="' + String(tasks) + '"])').waitFor({ timeout: 120_000 });
      const shown = Number(await frame.locator('#graph').getAttribute('data-view-tasks'));
      assert.ok(shown > 1 && shown < tasks, `${shown} tasks in focus`);
      assert.equal(await frame.locator('#graph').getAttribute('data-layout'), shown <= 2_000 ? 'elk' : 'generations', `${shown} tasks in focus`);
      await frame.locator('#view-text', { hasText: `of ${tasks.toLocaleString('en-US')} tasks one by one: focused on` }).waitFor();
      await screenshot(`plan-lens-graph-${tasks / 1000}k-focus`);
      await frame.locator('#show-whole').click();
      await frame.locator('#graph[data-view-tasks="' + String(tasks) + '"]').waitFor();
    });
  }

  test('an XSS-shaped task name is shown as text; the export writes an SVG that parses back with every task, and a PNG', async () => {
    const folder = hostileWorkspace();
    const frame = await openGraphFromRunsView(folder);
    const input = frame.locator('.pl-search-input');
    await input.fill('onerror');
    await input.press('Enter');
    await frame.locator('#graph[data-selected-x]').waitFor();
    assert.equal(await frame.locator('#graph').getAttribute('data-selected'), HOSTILE_TASK_NAME);
    const x = Number(await frame.locator('#graph').getAttribute('data-selected-x'));
    const y = Number(await frame.locator('#graph').getAttribute('data-selected-y'));
    await frame.locator('#graph').click({ position: { x, y } });
    await frame.locator('.pl-details-title', { hasText: HOSTILE_TASK_NAME }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('img').count(), 0, 'markup from a task name reached the page');
    await screenshot('plan-lens-graph-xss-name');

    // Export: the save dialog proposes a file beside the plan; the host writes it atomically.
    const { page } = workbench();
    const diagnostics = path.join(folder, '.artifacts', 'diagnostics');
    await frame.locator('#export-svg').click();
    const dialog = page.locator('.quick-input-widget input');
    await dialog.waitFor({ timeout: 30_000 });
    // The simple file dialog starts in the plan's folder; the user names the file.
    const proposed = await dialog.inputValue();
    assert.ok(proposed.startsWith(diagnostics), proposed);
    const target = path.join(diagnostics, readdirSync(diagnostics)[0], 'task_graph_node_link.graph.svg');
    rmSync(target, { force: true });
    await dialog.fill(target);
    await page.keyboard.press('Enter');
    await frame.locator('#status-line', { hasText: 'Exported to' }).waitFor({ timeout: 60_000 });
    assert.ok(existsSync(target), `${target} was not written`);
    assert.ok(target.startsWith(diagnostics));
    const svg = readFileSync(target, 'utf8');
    const tasks = [...svg.matchAll(/<g class="task[^"]*" data-task="(\d+)"/g)].map((m) => Number(m[1]));
    const count = Number(/(\d+) tasks/.exec((await frame.locator('#graph').getAttribute('aria-label')) ?? '')?.[1]);
    assert.equal(new Set(tasks).size, count, 'every task once in the export');
    assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the hostile name is escaped in the export');
    assert.ok(!svg.includes('<img'));
    rmSync(target, { force: true });

    // PNG: the drawing's bytes cross from the webview to the host as an ArrayBuffer and land as a PNG file.
    const pngTarget = target.replace(/\.svg$/, '.png');
    rmSync(pngTarget, { force: true });
    await frame.locator('#export-png').click();
    // The dialog opens once the page has drawn the PNG: wait for it to propose the PNG's name, not for the
    // input of the SVG's dialog that is closing.
    await page.waitForFunction(() => {
      const input = document.querySelector<HTMLInputElement>('.quick-input-widget input');
      return input !== null && input.offsetParent !== null && input.value.endsWith('.graph.png');
    }, undefined, { timeout: 60_000 });
    await dialog.fill(pngTarget);
    await page.keyboard.press('Enter');
    await frame.locator('#status-line', { hasText: 'Exported to' }).waitFor({ timeout: 60_000 });
    const png = readFileSync(pngTarget);
    assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG signature');
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.ok(png.readUInt32BE(16) > 100 && png.readUInt32BE(20) > 100, `${png.readUInt32BE(16)} x ${png.readUInt32BE(20)} px`);
    rmSync(pngTarget, { force: true });
  });
});
