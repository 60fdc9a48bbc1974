import { screenshot, showPlanLensView, workbench } from './workbench';
import { runFromPalette } from '../../scripts/editor/browser';

suite('Workbench: analysis summary', () => {
  test('the summary of a plan file opens from the command palette', async () => {
    const { page } = workbench();
    await showPlanLensView();
    const row = page.locator('.pane-body .monaco-list-row', { hasText: 'task_graph_node_link.json' }).first();
    await row.click();
    await page.locator('.tabs-container .tab', { hasText: 'task_graph_node_link.json' }).waitFor();
    await runFromPalette(page, 'Plan Lens: Show Analysis Summary');
    await page.locator('.tabs-container .tab', { hasText: '(analysis)' }).waitFor();
    await page.locator('.editor-instance .view-lines', { hasText: 'critical path length' }).last().waitFor();
    await screenshot('plan-lens-analysis-summary');
  });
});
