import { openTaskGraphFromView, screenshot, workbench } from './workbench';
import { runFromPalette } from '../../scripts/editor/browser';

suite('Workbench: analysis summary', () => {
  test('the summary of a plan file opens from the command palette', async () => {
    const { page } = workbench();
    // The plan file in a text editor (a click on the row would open its graph, which keeps the keyboard).
    await openTaskGraphFromView(0);
    await runFromPalette(page, 'Plan Lens: Show Analysis Summary');
    await page.locator('.tabs-container .tab', { hasText: '(analysis)' }).waitFor();
    // A readable page (a webview), not Markdown source in a text editor: headings, a table, task links.
    const summary = page.frameLocator('iframe.webview.ready:visible').last().frameLocator('#active-frame');
    await summary.locator('#content li', { hasText: 'critical path length' }).waitFor({ timeout: 60_000 });
    await summary.locator('#content table a.task-link').first().waitFor();
    await screenshot('plan-lens-analysis-summary');
  });
});
