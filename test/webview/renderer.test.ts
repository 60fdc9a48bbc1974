/**
 * The plan graph renderer in Chromium under the webview's real page and CSP, fed the payloads the
 * language server sends (the sample run, synthetic plans of 1k, 10k and 100k tasks): readable on
 * opening, stepping, clicking and arrow keys, names as text only, the three themes, no CSP violation.
 * Screenshots of every size in every theme go to test-results/screenshots/ (renderer-*.png).
 */

import * as assert from 'node:assert/strict';
import { decodeGraphArrays } from '../../src/protocol/graphPayload';
import type { GraphPage} from './renderer/graphPage';
import { useGraphPages } from './renderer/graphPage';
import { randomPayload, samplePayload } from './renderer/payloads';
import { themes } from './renderer/themes';

const XSS_NAME = '<img src=x onerror=alert(1)>';

/** WCAG contrast of two sRGB colours given as [r, g, b]. */
function contrast(a: readonly number[], b: readonly number[]): number {
  const lum = (c: readonly number[]): number => {
    const [r, g, bl] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : Math.pow((v / 255 + 0.055) / 1.055, 2.4)));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

suite('Plan graph renderer (Chromium, webview CSP)', function () {
  let page: GraphPage;
  const sample = samplePayload();
  const sampleArrays = decodeGraphArrays(sample.meta, sample.buffer);
  useGraphPages((p) => (page = p));

  test('the sample opens readable: the first critical task is on screen with its name at 11 px or more, and the host is told it was drawn', async () => {
    const { firstPaintMs } = await page.postGraph(sample);
    assert.ok(Number((await page.state()).labelPx) >= 11, 'readable at the first paint, in the generation layout');
    assert.equal(await page.settledLayout(), 'elk', 'then ELK refines the plan in the background');
    const state = await page.state();
    assert.ok(Number(state.labelPx) >= 11, `first critical label at ${state.labelPx} px`);
    assert.equal(state.detail, 'boxes');
    assert.ok(Number(state.drawnTasks) > 0 && Number(state.drawnTasks) <= sample.meta.taskCount);
    assert.ok(firstPaintMs > 0 && firstPaintMs < 5_000, `first paint ${firstPaintMs} ms`);
    // Not the whole plan at that size: the minimap shows the rest.
    assert.equal(state.minimap, 'true');
    const label = await page.page.locator('#graph').getAttribute('aria-label');
    assert.match(label ?? '', new RegExp(`${sample.meta.taskCount} tasks, ${sample.meta.edgeCount} dependencies in ${sample.meta.generationCount} generations; critical path of ${sampleArrays.criticalPath.length} tasks`));
  });

  test('in a narrow panel the minimap keeps to a corner (at most 22% of each side, boxes stay visible), and its switch hides it', async () => {
    await page.page.setViewportSize({ width: 465, height: 700 });
    await page.postGraph(sample);
    await page.settledLayout();
    await page.nextFrame();
    assert.equal((await page.state()).minimap, 'true');
    const stage = await page.page.locator('#stage').boundingBox();
    const minimap = await page.page.locator('#minimap').boundingBox();
    assert.ok(stage !== null && minimap !== null);
    // The picture's side is at least 48 px however small the panel; its border adds 2.
    assert.ok(minimap.width <= Math.max(48, stage.width * 0.22) + 2 && minimap.height <= Math.max(48, stage.height * 0.22) + 2, `minimap ${minimap.width}×${minimap.height} in a ${stage.width}×${stage.height} stage`);
    await page.page.locator('#show-minimap').uncheck();
    await page.nextFrame();
    assert.equal((await page.state()).minimap, 'false');
    assert.equal(await page.page.locator('#minimap').isVisible(), false);
    await page.page.locator('#show-minimap').check();
    await page.nextFrame();
    assert.equal((await page.state()).minimap, 'true');
  });

  test('in a half-width panel with the details open, the hover tooltip stays over the graph, not over the details', async () => {
    // 800 px: the details take 360, the graph 440. (Below a tooltip's width the tooltip may cover them.)
    await page.page.setViewportSize({ width: 800, height: 700 });
    await page.postGraph(sample);
    await page.settledLayout();
    await page.page.locator('#graph').focus();
    await page.page.keyboard.press(']');
    await page.nextFrame();
    const before = await page.page.locator('#graph').boundingBox();
    assert.ok(before !== null);
    const first = await page.state();
    await page.page.mouse.click(before.x + Number(first.selectedX), before.y + Number(first.selectedY));
    await page.page.locator('.pl-details').waitFor();
    // A search match is centred: a tooltip beside the pointer there would reach over the details.
    const input = page.page.locator('.pl-search-input');
    await input.fill('rel_def_use_v1');
    await input.press('Enter');
    await page.nextFrame();
    const graph = await page.page.locator('#graph').boundingBox();
    const now = await page.state();
    assert.ok(graph !== null);
    assert.equal(now.selected, 'rel_def_use_v1');
    await page.page.mouse.move(graph.x + Number(now.selectedX), graph.y + Number(now.selectedY));
    await page.nextFrame();
    const tooltip = await page.page.locator('#tooltip').boundingBox();
    const stage = await page.page.locator('#stage').boundingBox();
    assert.ok(tooltip !== null && stage !== null);
    assert.ok(stage.width < 500 && tooltip.width <= stage.width, `the tooltip (${tooltip.width} px) fits the stage (${stage.width} px) beside the details`);
    assert.ok(tooltip.x >= stage.x - 0.5 && tooltip.x + tooltip.width <= stage.x + stage.width + 0.5, `tooltip ${tooltip.x}..${tooltip.x + tooltip.width} within the stage ${stage.x}..${stage.x + stage.width}`);
  });

  test('stepping with ▶, ] and n selects along the critical path, says it in the live region and reveals each task in the plan file', async () => {
    await page.postGraph(sample);
    const path = [...sampleArrays.criticalPath].map((t) => sampleArrays.names[t]);
    await page.page.click('#next');
    await page.nextFrame();
    assert.equal((await page.state()).selected, path[0]);
    assert.match((await page.page.locator('#announcer').textContent()) ?? '', new RegExp(`^Step 1 of ${path.length}: ${path[0]}, scan, cost [\\d.]+, slack [\\d.]+$`));
    for (const key of [']', 'n']) await page.page.keyboard.press(key);
    await page.nextFrame();
    assert.equal((await page.state()).selected, path[2]);
    await page.page.keyboard.press('p');
    await page.page.keyboard.press('[');
    await page.nextFrame();
    assert.equal((await page.state()).selected, path[0]);
    const reveals = (await page.posted()).filter((m) => m.type === 'reveal').map((m) => m.task);
    assert.deepEqual(reveals, [path[0], path[1], path[2], path[1], path[0]]);
    assert.ok((await page.posted()).some((m) => m.type === 'details' && m.task === path[0]));
    assert.ok((await page.keys()).every((k) => k.prevented), 'every key the graph handles is kept from the editor');
  });

  test('clicking a task selects it and posts reveal and details; hovering shows its full name', async () => {
    await page.postGraph(sample);
    await page.settledLayout();
    // Find a task on screen through the keyboard (the test cannot know ELK's positions): the one below the first critical task.
    await page.page.locator('#graph').focus();
    await page.page.keyboard.press('ArrowRight');
    await page.page.keyboard.press('ArrowDown');
    await page.nextFrame();
    const target = await page.state();
    await page.page.keyboard.press('ArrowUp');
    await page.nextFrame();
    const back = await page.state();
    assert.notEqual(back.selected, target.selected);
    assert.deepEqual([back.scale, back.tx, back.ty], [target.scale, target.tx, target.ty], 'the view did not move');
    const box = await page.page.locator('#graph').boundingBox();
    assert.ok(box !== null);
    const at = { x: box.x + Number(target.selectedX), y: box.y + Number(target.selectedY) };
    await page.clearPosted();
    await page.page.mouse.move(at.x, at.y);
    await page.nextFrame();
    assert.equal(await page.page.locator('#tooltip').isVisible(), true);
    assert.equal((await page.page.locator('#tooltip').textContent())?.split('\n')[0], target.selected);
    await page.page.mouse.click(at.x, at.y);
    await page.nextFrame();
    assert.equal((await page.state()).selected, target.selected);
    const posted = await page.posted();
    assert.deepEqual(posted.filter((m) => m.type === 'reveal' || m.type === 'details').map((m) => [m.type, m.task]), [['reveal', target.selected], ['details', target.selected]]);
  });

  test('arrow keys move along edges (Right to the critical successor, Left back) and within the column (Down, Up); Enter reveals', async () => {
    await page.postGraph(sample);
    await page.settledLayout();
    const g = sampleArrays;
    const path = g.criticalPath;
    await page.page.locator('#graph').focus();
    await page.page.keyboard.press('ArrowRight');
    await page.nextFrame();
    assert.equal((await page.state()).selected, g.names[path[0]], 'the first arrow selects the start of the critical path');
    await page.page.keyboard.press('ArrowRight');
    await page.nextFrame();
    assert.equal((await page.state()).selected, g.names[path[1]]);
    await page.page.keyboard.press('ArrowLeft');
    await page.nextFrame();
    assert.equal((await page.state()).selected, g.names[path[0]]);
    await page.page.keyboard.press('ArrowDown');
    await page.nextFrame();
    const below = g.names.indexOf((await page.state()).selected);
    assert.notEqual(below, path[0]);
    assert.equal(g.generation[below], g.generation[path[0]], 'Down stays in the generation column');
    await page.page.keyboard.press('ArrowUp');
    await page.nextFrame();
    assert.equal((await page.state()).selected, g.names[path[0]]);
    await page.clearPosted();
    await page.page.keyboard.press('Enter');
    assert.deepEqual((await page.posted()).filter((m) => m.type === 'reveal').map((m) => m.task), [g.names[path[0]]]);
    const keys = await page.keys();
    assert.equal(keys.length, 6);
    assert.ok(keys.every((k) => k.prevented), JSON.stringify(keys));
  });

  test('the host selecting a task (cursor in the plan file) selects and centres it', async () => {
    await page.postGraph(sample);
    const last = sampleArrays.names[sampleArrays.criticalPath[sampleArrays.criticalPath.length - 1]];
    await page.post({ type: 'select', task: last });
    const state = await page.state();
    assert.equal(state.selected, last);
    const stage = await page.page.locator('#stage').boundingBox();
    assert.ok(stage !== null);
    assert.ok(Number(state.selectedX) > 24 && Number(state.selectedX) < stage.width - 24 && Number(state.selectedY) > 24 && Number(state.selectedY) < stage.height - 24, 'in view');
    assert.ok(Number(state.scale) * 13 >= 11, 'centred at a readable size');
  });

  test('a redraw of the same plan keeps the viewport and the selection; a new plan opens afresh', async () => {
    await page.postGraph(sample);
    await page.page.keyboard.press(']');
    await page.page.locator('#zoom-out').click();
    await page.nextFrame();
    const before = await page.state();
    await page.postGraph(sample, true);
    const kept = await page.state();
    assert.deepEqual([kept.scale, kept.tx, kept.ty, kept.selected], [before.scale, before.tx, before.ty, before.selected]);
    await page.postGraph(sample, false);
    const fresh = await page.state();
    assert.equal(fresh.selected, '');
    assert.ok(Number(fresh.labelPx) >= 11);
  });

  test(`an XSS-shaped task name (${XSS_NAME}) is drawn and shown as text: no element is injected, no script runs`, async () => {
    const payload = randomPayload({ tasks: 1_000, seed: 7, renameFirstCritical: XSS_NAME });
    await page.postGraph(payload);
    await page.settledLayout();
    assert.ok(Number((await page.state()).labelPx) >= 11, 'the renamed task is on screen, labelled');
    await page.page.keyboard.press(']');
    await page.nextFrame();
    const state = await page.state();
    assert.equal(state.selected, XSS_NAME);
    assert.match((await page.page.locator('#announcer').textContent()) ?? '', /<img src=x onerror=alert\(1\)>/);
    const box = await page.page.locator('#graph').boundingBox();
    assert.ok(box !== null);
    await page.page.mouse.move(box.x + Number(state.selectedX), box.y + Number(state.selectedY));
    await page.nextFrame();
    const tooltip = page.page.locator('#tooltip');
    assert.equal((await tooltip.textContent())?.split('\n')[0], XSS_NAME);
    assert.equal(await tooltip.evaluate((e) => e.childElementCount), 0);
    await page.screenshot('renderer-xss-name');
    assert.equal(await page.page.locator('img').count(), 0);
    assert.ok((await page.posted()).some((m) => m.type === 'reveal' && m.task === XSS_NAME));
  });

  for (const theme of themes) {
    test(`${theme.kind} theme: the selected task's name is readable on its fill (contrast ≥ 4.5), screenshots of the sample`, async () => {
      await page.postGraph(sample);
      await page.settledLayout();
      await page.applyTheme(theme);
      await page.screenshot(`renderer-sample-${theme.kind}`);
      await page.page.keyboard.press(']');
      await page.nextFrame();
      const state = await page.state();
      const w = sample.meta.nodeWidth * Number(state.scale);
      const h = sample.meta.nodeHeight * Number(state.scale);
      // The pixels inside the selected box (off its border), counted by colour.
      const counts = await page.page.evaluate(({ x, y, w, h }) => {
        const canvas = document.getElementById('graph') as HTMLCanvasElement;
        const dpr = canvas.width / canvas.getBoundingClientRect().width;
        const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(Math.round((x + 4) * dpr), Math.round((y + 4) * dpr), Math.round((w - 8) * dpr), Math.round((h - 8) * dpr)).data;
        const seen: Record<string, number> = {};
        for (let i = 0; i < data.length; i += 4) {
          const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
          seen[key] = (seen[key] ?? 0) + 1;
        }
        return seen;
      }, { x: Number(state.selectedX) - w / 2, y: Number(state.selectedY) - h / 2, w, h });
      const colours = Object.entries(counts).map(([k, n]) => ({ rgb: k.split(',').map(Number), n })).sort((a, b) => b.n - a.n);
      const fill = colours[0].rgb;
      // Text is anti-aliased: its core pixels are the text colour itself; ignore stray edge pixels.
      const text = colours.filter((c) => c.n >= 3).reduce((best, c) => (contrast(c.rgb, fill) > contrast(best.rgb, fill) ? c : best), colours[0]);
      const ratio = contrast(text.rgb, fill);
      assert.ok(ratio >= 4.5, `selected text ${text.rgb} on ${fill}: contrast ${ratio.toFixed(2)}`);
      assert.ok(colours.filter((c) => contrast(c.rgb, fill) >= 3).reduce((n, c) => n + c.n, 0) >= 20, 'the name is drawn in the box');
      await page.screenshot(`renderer-sample-${theme.kind}-selected`);
    });
  }

  for (const tasks of [10_000, 100_000]) {
    test(`${tasks.toLocaleString('en-US')} tasks: opens at the start of the critical path, readable, with a minimap; Fit shows the overview; screenshots in each theme`, async function () {
      this.timeout(300_000);
      const payload = randomPayload({ tasks });
      const { firstPaintMs } = await page.postGraph(payload);
      const state = await page.state();
      assert.ok(Number(state.labelPx) >= 11, `first critical label at ${state.labelPx} px`);
      assert.equal(state.minimap, 'true');
      assert.ok(Number(state.drawnTasks) > 0 && Number(state.drawnTasks) < 500, `${state.drawnTasks} tasks drawn (culled)`);
      assert.ok(firstPaintMs < 30_000);
      for (const theme of themes) {
        await page.applyTheme(theme);
        await page.screenshot(`renderer-${tasks / 1000}k-${theme.kind}`);
      }
      await page.page.click('#fit');
      await page.nextFrame();
      // The whole plan in the panel: tall generations are wrapped, so it fills the panel, not a sliver of it.
      const fitted = await page.state();
      assert.equal(fitted.minimap, 'false', 'the whole plan is in view');
      assert.ok(fitted.detail === 'overview' || fitted.detail === 'dots', fitted.detail);
      const drawing = await page.page.locator('#graph').evaluate((c: HTMLCanvasElement) => {
        const scale = Number(c.dataset.scale);
        return { width: scale * Number(c.dataset.planWidth), height: scale * Number(c.dataset.planHeight) };
      });
      assert.ok(drawing.width > 0.6 * 1280 || drawing.height > 0.6 * 700, `the fitted plan is ${drawing.width.toFixed(0)} x ${drawing.height.toFixed(0)} px`);
      await page.screenshot(`renderer-${tasks / 1000}k-fit`);
      await page.page.keyboard.press(']');
      await page.nextFrame();
      const stepped = await page.state();
      assert.ok(Number(stepped.labelPx) >= 11, 'stepping from far out zooms to a readable size');
      await page.screenshot(`renderer-${tasks / 1000}k-step`);
    });
  }
});
