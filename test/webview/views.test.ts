/**
 * Views of a plan in the real page: focusing on a task of a large plan draws only its neighbourhood and
 * lays it out with ELK; collapsing generations draws one box each, and a box opens when clicked or with
 * `c`; the PNG export is a real PNG of the drawing.
 */

import * as assert from 'node:assert/strict';
import { decodeGraphArrays } from '../../src/protocol/graphPayload';
import type { GraphPage} from './renderer/graphPage';
import { useGraphPages } from './renderer/graphPage';
import { hubPayload, randomPayload, samplePayload } from './renderer/payloads';

suite('Plan graph views: focus, collapsed generations, PNG (Chromium, webview CSP)', function () {
  let page: GraphPage;
  const sample = samplePayload();
  const sampleArrays = decodeGraphArrays(sample.meta, sample.buffer);
  useGraphPages((p) => (page = p));

  test('f on a task of a 10k-task plan draws only its neighbourhood, laid out by ELK; Escape and "Show the whole plan" bring the plan back', async function () {
    this.timeout(180_000);
    await page.postGraph(randomPayload({ tasks: 10_000 }));
    assert.equal((await page.state()).layout, 'generations', 'too large for ELK as a whole');
    await page.page.locator('#graph').focus();
    await page.page.keyboard.press(']');
    await page.nextFrame();
    const focused = (await page.state()).selected;
    await page.page.keyboard.press('f');
    assert.equal(await page.settledLayout(), 'elk', 'the neighbourhood is small enough for ELK');
    const state = await page.state();
    assert.equal(state.selected, focused, 'the focused task stays selected');
    const shown = Number(state.viewTasks);
    assert.ok(shown > 1 && shown < 2_000, `${shown} tasks shown`);
    assert.match((await page.page.locator('#view-text').textContent()) ?? '', new RegExp(`^Showing ${shown} of 10,000 tasks one by one: focused on ${focused} \\(2 hops up- and downstream\\)\\.$`));
    assert.match((await page.page.locator('#graph').getAttribute('aria-label')) ?? '', new RegExp(`: ${shown} tasks`));
    await page.screenshot('views-10k-focus');
    await page.page.keyboard.press('Escape');
    await page.nextFrame();
    const whole = await page.state();
    assert.equal(whole.viewTasks, '10000');
    assert.equal(whole.selected, focused, 'leaving the focus keeps the selection, in view');
    assert.ok(Number(whole.selectedX) > 0 && Number(whole.selectedX) < 1280);
    assert.equal(await page.page.locator('#view-line').isVisible(), false);
    // Again, closed with the button this time.
    await page.page.keyboard.press('f');
    await page.nextFrame();
    await page.page.click('#show-whole');
    await page.nextFrame();
    assert.equal((await page.state()).viewTasks, '10000');
  });

  test("f on a scan read by 2,100 views keeps the generation layout and says why (over ELK's 2,000) and what brings it under", async function () {
    this.timeout(120_000);
    await page.postGraph(hubPayload(2_100));
    await page.page.locator('#graph').focus();
    await page.page.keyboard.press(']');
    await page.nextFrame();
    assert.equal((await page.state()).selected, 'hub_scan');
    // Two hops downstream from the hub reach every view: 2,101 of the plan's 2,102 tasks.
    await page.page.keyboard.press('f');
    await page.nextFrame();
    const state = await page.state();
    assert.equal(state.viewTasks, '2101');
    assert.equal(state.layout, 'generations');
    assert.match((await page.page.locator('#view-text').textContent()) ?? '', /^Showing 2,101 of 2,102 tasks one by one: focused on hub_scan \(2 hops up- and downstream\)\. ELK lays out at most 2,000 tasks, so these keep the generation layout: fewer hops, one direction or collapsed generations bring it under\.$/);
  });

  test('Collapse all draws a box per generation; stepping selects the box holding the critical task; c and a click open boxes', async () => {
    await page.postGraph(sample);
    await page.settledLayout();
    await page.page.click('#collapse-all');
    assert.equal(await page.settledLayout(), 'elk');
    const collapsed = await page.state();
    assert.equal(collapsed.viewTasks, '0', 'every task is in a box');
    assert.match((await page.page.locator('#graph').getAttribute('aria-label')) ?? '', new RegExp(`: ${sample.meta.generationCount} tasks`));
    assert.match((await page.page.locator('#view-text').textContent()) ?? '', new RegExp(`^Showing 0 of ${sample.meta.taskCount} tasks one by one: ${sample.meta.generationCount} generations collapsed into boxes \\(click a box or press c to open it\\)\\.$`));
    await page.screenshot('views-sample-collapsed');
    await page.page.locator('#graph').focus();
    await page.page.keyboard.press(']');
    await page.nextFrame();
    assert.match((await page.state()).selected, /^gen 0 · \d+ tasks$/);
    assert.match((await page.page.locator('#path-info').textContent()) ?? '', /generation 0, collapsed/);
    // c opens the selected box and hands the selection to its critical task.
    await page.page.keyboard.press('c');
    await page.settledLayout();
    const first = sampleArrays.names[sampleArrays.criticalPath[0]];
    assert.equal((await page.state()).selected, first);
    // A click on a box opens it: find generation 1's box through the keyboard (Right from the first critical task).
    await page.page.keyboard.press('ArrowRight');
    await page.nextFrame();
    const box = await page.state();
    assert.match(box.selected, /^gen 1 · /);
    const at = await page.page.locator('#graph').boundingBox();
    assert.ok(at !== null);
    await page.clearPosted();
    await page.page.mouse.click(at.x + Number(box.selectedX), at.y + Number(box.selectedY));
    await page.settledLayout();
    assert.match((await page.page.locator('#view-text').textContent()) ?? '', new RegExp(`${sample.meta.generationCount - 2} generations collapsed`));
    assert.deepEqual((await page.posted()).filter((m) => m.type === 'reveal' || m.type === 'details'), [], 'a box is not a task: nothing to reveal');
    await page.page.click('#expand-all');
    await page.nextFrame();
    assert.equal((await page.state()).viewTasks, String(sample.meta.taskCount));
  });

  test('Export PNG posts a PNG of the drawing (signature, size) as an ArrayBuffer', async () => {
    await page.postGraph(sample);
    await page.settledLayout();
    await page.page.click('#export-png');
    await page.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'export'));
    const png = await page.page.evaluate(() => {
      const m = (window as unknown as { __posted: { type: string; format?: string; data?: unknown }[] }).__posted.find((p) => p.type === 'export');
      if (m === undefined || !(m.data instanceof ArrayBuffer)) return undefined;
      const view = new DataView(m.data);
      return { format: m.format, signature: [...new Uint8Array(m.data, 0, 8)], width: view.getUint32(16), height: view.getUint32(20), bytes: m.data.byteLength };
    });
    assert.ok(png !== undefined, 'the export message carries an ArrayBuffer');
    assert.equal(png.format, 'png');
    assert.deepEqual(png.signature, [137, 80, 78, 71, 13, 10, 26, 10]);
    // One layout unit per pixel: the plan's extent plus the margins.
    assert.ok(png.width > 1000 && png.width <= 8192 && png.height > 200 && png.height <= 8192, `${png.width} x ${png.height}`);
  });
});
