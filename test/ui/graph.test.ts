import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { openTaskGraphFromView, screenshot, setColorTheme, showPlanLensView, workbench } from './workbench';
import { runFromPalette } from '../../scripts/editor/browser';

/** The plan graph webview of the workbench (the last one opened). */
// Hidden panels keep their webview (retainContextWhenHidden): the visible one is the graph on screen.
function graphFrame(): FrameLocator {
  return workbench().page.frameLocator('iframe.webview.ready:visible').last().frameLocator('#active-frame');
}

function graphPanel(): Locator {
  return workbench().page.locator('iframe.webview.ready:visible').last();
}

/** A data attribute the renderer publishes on the canvas after each frame. */
async function canvasState(frame: FrameLocator, name: string): Promise<string> {
  return (await frame.locator('#graph').getAttribute(`data-${name}`)) ?? '';
}

/** Clicks the selected task where the renderer says it is drawn. */
async function clickSelected(frame: FrameLocator): Promise<void> {
  // ELK's layout moves every task when it lands: read where the task is once it has.
  await frame.locator('#graph:not([data-layout="refining"])').waitFor({ timeout: 60_000 });
  const x = Number(await canvasState(frame, 'selected-x'));
  const y = Number(await canvasState(frame, 'selected-y'));
  await frame.locator('#graph').click({ position: { x, y } });
}

async function openSampleGraph(index: number): Promise<FrameLocator> {
  await openTaskGraphFromView(index);
  await runFromPalette(workbench().page, 'Plan Lens: Show Plan Graph');
  const frame = graphFrame();
  await frame.locator('#path-info', { hasText: 'critical path:' }).waitFor({ timeout: 60_000 });
  return frame;
}

suite('Workbench: plan graph', () => {
  test('the sample opens readable, stepping selects along the critical path with the plan file following, and the details panel describes a scan and a view task', async () => {
    const { page } = workbench();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('W');
    const frame = await openSampleGraph(0);
    // Readable at once: the first critical task's label is drawn at 11 px or more.
    await frame.locator('#graph[data-label-px]').waitFor();
    assert.ok(Number(await canvasState(frame, 'label-px')) >= 11, `first critical label at ${await canvasState(frame, 'label-px')} px`);
    assert.match((await frame.locator('#path-info').textContent()) ?? '', /critical path: 8 tasks, length 2414\.6/);

    // Step 1 is the scan that starts the path: the editor selects its name, the graph keeps focus.
    await frame.locator('#next').click();
    await frame.locator('#path-info', { hasText: 'step 1 of 8' }).waitFor();
    const scan = await canvasState(frame, 'selected');
    assert.match(scan, /^scan_unit_/);
    await page.locator('.monaco-editor .selected-text').first().waitFor({ timeout: 30_000 });
    assert.match((await frame.locator('#announcer').textContent()) ?? '', new RegExp(`Step 1 of 8: ${scan}`));
    await clickSelected(frame);
    const details = frame.locator('.pl-details');
    await details.locator('.pl-details-title', { hasText: scan }).waitFor({ timeout: 30_000 });
    await details.getByText('recorded', { exact: false }).first().waitFor({ timeout: 30_000 });
    const scanText = (await details.textContent()) ?? '';
    assert.match(scanText, /scan/);
    assert.match(scanText, /Pinned version\s*\d+\s*State\s*current/);
    await screenshot('plan-lens-graph-details-scan', graphPanel());

    await frame.locator('#next').click();
    await frame.locator('#path-info', { hasText: 'step 2 of 8' }).waitFor();
    const view = await canvasState(frame, 'selected');
    await clickSelected(frame);
    await details.locator('.pl-details-title', { hasText: view }).waitFor({ timeout: 30_000 });
    const viewText = (await details.textContent()) ?? '';
    assert.match(viewText, /view/);
    assert.match(viewText, new RegExp(scan), 'the view names its upstream scan');
    await screenshot('plan-lens-graph');
    await screenshot('plan-lens-graph-webview', graphPanel());
  });

  test('search finds tasks by name and by kind with a match count, and Enter selects the match', async () => {
    const frame = graphFrame();
    const input = frame.locator('.pl-search-input');
    await input.click();
    await input.fill('rel_class');
    await frame.locator('.pl-search-count', { hasText: /of \d+|\d+ match/ }).waitFor();
    await input.press('Enter');
    await frame.locator('#graph[data-selected^="rel_class"]').waitFor({ timeout: 10_000 });
    await input.fill('kind:scan');
    const count = (await frame.locator('.pl-search-count').textContent()) ?? '';
    assert.match(count, /\d+/);
    await screenshot('plan-lens-graph-search', graphPanel());
    await input.press('Escape');
  });

  test('the three themes: the selected task is readable in light, dark and high contrast', async () => {
    const frame = graphFrame();
    for (const [theme, name] of [['Light Modern', 'light'], ['Dark High Contrast', 'high-contrast'], ['Dark Modern', 'dark']] as const) {
      await setColorTheme(theme);
      // The workbench gives the webview the theme's variables and body class; the canvas redraws with them.
      const bodyClass = name === 'light' ? 'vscode-light' : name === 'dark' ? 'vscode-dark' : 'vscode-high-contrast';
      await frame.locator(`body.${bodyClass}`).waitFor({ timeout: 30_000 });
      await frame.locator('#next').click();
      await frame.locator('#graph[data-selected]').waitFor();
      await workbench().page.waitForTimeout(400);
      await screenshot(`plan-lens-graph-theme-${name}`, graphPanel());
    }
  });

  test("the second run's graph says what its recorded drift says never ran", async () => {
    const frame = await openSampleGraph(1);
    const line = frame.locator('#drift', { hasText: 'run drift' });
    await line.waitFor({ timeout: 60_000 });
    // What the run recorded (read as plain JSON): the line must say the same.
    const runs = path.join(workbench().workspace, '.artifacts', 'diagnostics');
    const second = readdirSync(runs).sort()[1];
    const drift = JSON.parse(readFileSync(path.join(runs, second, 'hamilton_plan_drift_v1.json'), 'utf8')) as { admitted_task_count: number; plan_task_count: number; missing_admitted_tasks: string[]; unexpected_admitted_tasks: string[]; missing_generations: number[] };
    const expected = `${drift.admitted_task_count} of ${drift.plan_task_count} planned tasks admitted; ${drift.missing_admitted_tasks.length} not run (greyed); not planned but run: ${drift.unexpected_admitted_tasks.join(', ')}; generations never admitted: ${drift.missing_generations.join(', ')}`;
    assert.ok(((await line.textContent()) ?? '').includes(expected), `${await line.textContent()} / expected: ${expected}`);
    // The file by its name (a narrow panel keeps the line short), its path on hover.
    assert.match((await line.textContent()) ?? '', /^run drift \(hamilton_plan_drift_v1\.json\): /);
    assert.equal(await line.getAttribute('title'), `.artifacts/diagnostics/${second}/hamilton_plan_drift_v1.json`);
    await screenshot('plan-lens-graph-drift', graphPanel());
  });

  test('the graph opens from the Runs view without a text editor', async () => {
    const { page } = workbench();
    await page.locator('.activitybar').click({ position: { x: 24, y: 700 } });
    await runFromPalette(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
    await showPlanLensView();
    const textTabs = page.locator('.tabs-container .tab', { hasNotText: '(graph)' });
    const before = await textTabs.count();
    assert.equal(before, 0);
    const row = page.locator('.pane-body .monaco-list-row', { hasText: 'task_graph_node_link.json' }).nth(1);
    await row.hover();
    await row.locator('.action-label[aria-label^="Show Plan Graph"]').click();
    await graphFrame().locator('#drift', { hasText: 'run drift' }).waitFor({ timeout: 60_000 });
    assert.equal(await textTabs.count(), before, 'a text editor was opened');
  });
});
