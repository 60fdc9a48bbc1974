import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { runFromPalette } from '../../scripts/editor/browser';
import { screenshot, setColorTheme, workbench } from './workbench';

/** The comparison webview of the workbench (the visible one). */
function compareFrame(): FrameLocator {
  return workbench().page.frameLocator('iframe.webview.ready:visible').last().frameLocator('#active-frame');
}

function comparePanel(): Locator {
  return workbench().page.locator('iframe.webview.ready:visible').last();
}

async function canvasData(frame: FrameLocator, side: 'before' | 'after', name: string): Promise<string> {
  return (await frame.locator(`#graph-${side}`).getAttribute(`data-${name}`)) ?? '';
}

suite('Workbench: comparing two runs', () => {
  test("the sample's two runs from the palette: side by side with one camera, the overlay, the ranked differences, Open changes; three themes", async () => {
    const { page } = workbench();
    await runFromPalette(page, 'View: Close All Editors');
    await runFromPalette(page, 'Plan Lens: Compare Two Runs…');
    // Runs are labelled by start time (from the UUIDv7 run id) and run id, earliest first.
    const first = page.locator('.quick-input-list .monaco-list-row', { hasText: '2026-01-27' }).first();
    await first.waitFor({ timeout: 30_000 });
    assert.match((await first.textContent()) ?? '', /2026-01-27 09:\d\d · 019bfeb2-a0d4…/);
    await page.keyboard.press('Enter');
    const second = page.locator('.quick-input-list .monaco-list-row', { hasText: '2026-01-28' }).first();
    await second.waitFor();
    assert.equal(await page.locator('.quick-input-list .monaco-list-row', { hasText: '019bfeb2' }).count(), 0, 'the first run is not offered again');
    await page.keyboard.press('Enter');

    const frame = compareFrame();
    await frame.locator('#difference-list button.difference').first().waitFor({ timeout: 60_000 });
    await page.locator('.tabs-container .tab', { hasText: '019bfeb2-a0d4 ↔ 019c03dd-7755 (comparison)' }).waitFor();
    assert.equal(await frame.locator('#difference-list button.difference').first().getAttribute('data-kind'), 'critical-path');
    assert.match((await frame.locator('#summary').textContent()) ?? '', /57 tasks kept, 4 added, 3 removed, 4 changed; .* critical path 2414\.6 → 4036\.6 \(\+1622\)/);
    assert.equal(await canvasData(frame, 'before', 'marks'), 'removed:3 changed:4');
    assert.equal(await canvasData(frame, 'after', 'marks'), 'added:4 changed:4');

    // Zoom the earlier run: the later run's view takes the same transform.
    const box = await frame.locator('#graph-before').boundingBox();
    assert.ok(box !== null);
    const scaleBefore = await canvasData(frame, 'before', 'scale');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await frame.locator(`#graph-before:not([data-scale="${scaleBefore}"])`).waitFor();
    await page.waitForTimeout(200);
    const zoomed = await Promise.all(['scale', 'tx', 'ty'].map((k) => canvasData(frame, 'before', k)));
    assert.deepEqual(await Promise.all(['scale', 'tx', 'ty'].map((k) => canvasData(frame, 'after', k))), zoomed);

    // A difference selects its task in both runs.
    await frame.locator('#difference-list button', { hasText: 'task added: cpg_files_delta_v1' }).click();
    await frame.locator('#graph-before[data-selected="cpg_files_delta_v1"]').waitFor();
    await frame.locator('#graph-after[data-selected="cpg_files_delta_v1"]').waitFor();

    // Ends on Dark Modern, the workbench's default, for the suites after this one.
    for (const [theme, name] of [['Light Modern', 'light'], ['Dark High Contrast', 'high-contrast'], ['Dark Modern', 'dark']] as const) {
      await setColorTheme(theme);
      await compareFrame().locator(`body.${name === 'light' ? 'vscode-light' : name === 'dark' ? 'vscode-dark' : 'vscode-high-contrast'}`).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(400);
      await screenshot(`plan-lens-compare-${name}`);
    }

    // The overlay: one drawing of both runs, every mark.
    await compareFrame().locator('#mode-overlay').click();
    await compareFrame().locator('#graph-after[data-drawing="overlay"]').waitFor();
    assert.equal(await canvasData(compareFrame(), 'after', 'marks'), 'added:4 removed:3 changed:4');
    await page.waitForTimeout(300);
    await screenshot('plan-lens-compare-overlay', comparePanel());

    // Open changes: the diff editor on the two plans' canonical JSON.
    await compareFrame().locator('#open-changes').click();
    await page.locator('.tabs-container .tab', { hasText: '(canonical JSON)' }).waitFor({ timeout: 30_000 });
    await page.locator('.monaco-diff-editor').first().waitFor();
    // Plain JSON, not a plan file: the language server does not check it (no problems in the status bar).
    await page.locator('.statusbar-item', { hasText: /^JSON$/ }).first().waitFor();
    await page.waitForTimeout(500);
    await screenshot('plan-lens-compare-open-changes');
  });
});
