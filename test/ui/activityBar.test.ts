import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { screenshot, workbench } from './workbench';

suite('Workbench: Plan Lens view', () => {
  test('Plan Lens is in the activity bar and its Plan Files view lists the plan files', async () => {
    const { page, workspace } = workbench();
    const entry = page.locator('.activitybar .action-item a[aria-label^="Plan Lens"]');
    await entry.waitFor({ timeout: 90_000 });
    await entry.click();
    // With a single view in the container the workbench hides the view's own header: check the sidebar title.
    await page.locator('.sidebar .composite.title', { hasText: /plan lens/i }).waitFor();
    const planFiles = readdirSync(workspace, { recursive: true }).map(String).filter((f) => f.endsWith('task_graph_node_link.json'));
    assert.ok(planFiles.length > 0, `no task graph in ${workspace}`);
    const rows = page.locator('.pane-body .monaco-list-row', { hasText: 'task_graph_node_link.json' });
    await rows.nth(planFiles.length - 1).waitFor();
    await screenshot('plan-lens-activity-bar');
  });
});
