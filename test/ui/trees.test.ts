import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { runFromPalette } from '../../scripts/editor/browser';
import { screenshot, setColorTheme, showPlanLensView, workbench } from './workbench';

/** The pane of one of the Plan Lens views, by its title. */
function pane(title: 'Runs' | 'Delta Pins' | 'Cache Lineage' | 'Critical Path'): Locator {
  const { page } = workbench();
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: new RegExp(`^${title}$`, 'i') }) });
}

function rows(title: Parameters<typeof pane>[0], text?: string | RegExp): Locator {
  return pane(title).locator('.pane-body .monaco-list-row', text === undefined ? {} : { hasText: text });
}

/** Expands a view that starts collapsed (Delta Pins, Cache Lineage). */
async function expandPane(title: Parameters<typeof pane>[0]): Promise<void> {
  const header = pane(title).locator('.pane-header');
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await pane(title).locator('.pane-header[aria-expanded="true"]').waitFor();
}

/** Expands a tree row (a click toggles a collapsible row) unless it is open already. */
async function expandRow(row: Locator): Promise<void> {
  await row.waitFor({ timeout: 60_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await row.and(workbench().page.locator('[aria-expanded="true"]')).waitFor();
}

function graphFrame(): FrameLocator {
  return workbench().page.frameLocator('iframe.webview.ready:visible').last().frameLocator('#active-frame');
}

suite('Workbench: tree views', () => {
  suiteSetup(async () => {
    const { page, urlOf, workspace } = workbench();
    // Other suites open other folders and editors: start from the sample, with no editor open.
    await page.goto(urlOf(workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.activitybar').click({ position: { x: 24, y: 700 } });
    await runFromPalette(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
    await showPlanLensView();
  });

  test('Runs tells the two sample runs apart, and a click on a task graph opens its graph, not its text', async () => {
    const { page } = workbench();
    const runRows = rows('Runs', /\d{4}-\d{2}-\d{2} \d{2}:\d{2} · [0-9a-f]{8}/);
    await runRows.nth(1).waitFor({ timeout: 90_000 });
    const [first, second] = [(await runRows.nth(0).textContent()) ?? '', (await runRows.nth(1).textContent()) ?? ''];
    assert.notEqual(first, second);
    assert.match(first + second, /completed/);
    assert.match(first + second, /partial/);
    await rows('Runs', 'task_graph_node_link.json').first().click();
    await graphFrame().locator('#path-info', { hasText: 'critical path:' }).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.tabs-container .tab', { hasText: /^task_graph_node_link\.json$/ }).count(), 0, 'a text editor was opened');
    await screenshot('plan-lens-trees-runs');
  });

  test('Critical Path follows the graph; selecting a step selects that task in the graph and its name in the plan file', async () => {
    const { page } = workbench();
    const steps = rows('Critical Path', /^\d+\. /);
    await steps.nth(2).waitFor({ timeout: 60_000 });
    const text = (await steps.nth(2).locator('.label-name').textContent()) ?? '';
    const task = text.replace(/^\d+\.\s*/, '');
    assert.ok(task.length > 0, text);
    await steps.nth(2).click();
    await graphFrame().locator(`#graph[data-selected="${task}"]`).waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .selected-text').first().waitFor({ timeout: 30_000 });
    // The focus stayed in the view: the row is still the focused one.
    await pane('Critical Path').locator('.monaco-list:focus-within .monaco-list-row.focused').waitFor();
    await screenshot('plan-lens-trees-critical-path');
  });

  test('Delta Pins: the stale pin, its scan units; selecting one selects its scan task in the open graph', async () => {
    await expandPane('Delta Pins');
    const pin = rows('Delta Pins', /version 1.*stale/).first();
    await expandRow(pin);
    const unit = rows('Delta Pins', /^scan_unit_[0-9a-f]+/).first();
    await unit.waitFor({ timeout: 60_000 });
    const task = ((await unit.locator('.label-name').textContent()) ?? '').trim();
    await unit.click();
    await graphFrame().locator(`#graph[data-selected="${task}"]`).waitFor({ timeout: 30_000 });
    const files = rows('Delta Pins', /^Candidate files/).first();
    await expandRow(files);
    await rows('Delta Pins', /present, \d/).first().waitFor();
    await screenshot('plan-lens-trees-delta-pins');
  });

  test('Cache Lineage: the second run, a node that missed and why, and what changed since the first run', async () => {
    await expandPane('Cache Lineage');
    const runRows = rows('Cache Lineage', /\d{4}-\d{2}-\d{2} \d{2}:\d{2} · [0-9a-f]{8}/);
    await runRows.nth(1).waitFor({ timeout: 60_000 });
    await expandRow(runRows.nth(1));
    const missed = rows('Cache Lineage', /executed: cache miss/).first();
    await expandRow(missed);
    await rows('Cache Lineage', /changed since run/).first().waitFor();
    await screenshot('plan-lens-trees-cache-lineage');
  });

  test('the four views in light, dark and high-contrast themes', async () => {
    // A wider side bar, as a user reading these views would drag it.
    const { page } = workbench();
    const box = await page.locator('.part.sidebar').boundingBox();
    assert.ok(box !== null);
    await page.mouse.move(box.x + box.width - 1, 400);
    await page.mouse.down();
    await page.mouse.move(560, 400, { steps: 8 });
    await page.mouse.up();
    assert.ok(((await page.locator('.part.sidebar').boundingBox())?.width ?? 0) > box.width, 'the side bar did not widen');
    for (const [theme, name] of [['Light Modern', 'light'], ['Dark Modern', 'dark'], ['Dark High Contrast', 'high-contrast']] as const) {
      await setColorTheme(theme);
      await workbench().page.waitForTimeout(400);
      await screenshot(`plan-lens-trees-${name}`);
    }
  });
});
