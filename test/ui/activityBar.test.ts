import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { screenshot, showPlanLensView, workbench } from './workbench';

suite('Workbench: Plan Lens view', () => {
  test('Plan Lens is in the activity bar and its Runs view lists the runs and their plan files', async () => {
    const { page, workspace } = workbench();
    await showPlanLensView();
    const planFiles = readdirSync(workspace, { recursive: true }).map(String).filter((f) => f.endsWith('task_graph_node_link.json'));
    assert.ok(planFiles.length > 0, `no task graph in ${workspace}`);
    const rows = page.locator('.pane-body .monaco-list-row', { hasText: 'task_graph_node_link.json' });
    await rows.nth(planFiles.length - 1).waitFor();
    await screenshot('plan-lens-activity-bar');
  });
});
