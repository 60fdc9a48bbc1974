/** The workbench the UI tests drive: one fresh code-server and chromium page per run, set up by runUi.ts. */

import type { Locator, Page } from 'playwright-core';
import { mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { screenshotsDir } from '../../scripts/editor/paths';

export interface Workbench {
  readonly page: Page;
  /** Absolute path of the workspace folder that is open. */
  readonly workspace: string;
  /** The workbench URL of another folder, with Plan Lens loaded as the development extension. */
  urlOf(folder: string): string;
}

let current: Workbench | undefined;
const taken: string[] = [];

export function setWorkbench(w: Workbench | undefined): void {
  current = w;
}

export function workbench(): Workbench {
  if (current === undefined) throw new Error('the UI tests run through test/ui/runUi.ts, which opens the workbench');
  return current;
}

/** Saves a PNG of the workbench, or of one element of it, under test-results/screenshots/ and remembers it for the listing. */
export async function screenshot(name: string, element?: Locator): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await (element ?? workbench().page).screenshot({ path: file, animations: 'disabled' });
  taken.push(file);
}

export function screenshotsTaken(): readonly string[] {
  return taken;
}

/** Shows the Plan Lens side bar (clicking its activity bar entry when it is already shown would hide it). */
export async function showPlanLensView(): Promise<void> {
  const { page } = workbench();
  const title = page.locator('.sidebar .composite.title', { hasText: /plan lens/i });
  if (await title.isVisible()) return;
  const entry = page.locator('.activitybar .action-item a[aria-label^="Plan Lens"]');
  await entry.waitFor({ timeout: 90_000 });
  await entry.click();
  // With a single view in the container the workbench hides the view's own header: check the side bar title.
  await title.waitFor();
}

/** Opens the `index`-th task graph of the Runs view (run order) in a text editor, by its "Open File" action (a click opens its graph). */
export async function openTaskGraphFromView(index = 0): Promise<void> {
  const { page } = workbench();
  await showPlanLensView();
  const row = page.locator('.pane-body .monaco-list-row', { hasText: 'task_graph_node_link.json' }).nth(index);
  // Both runs' files have the same name: the active editor's breadcrumbs name the run's folder. The Runs
  // view lists runs oldest first, as their folders (UUIDv7 run ids) sort.
  const run = readdirSync(path.join(workbench().workspace, '.artifacts', 'diagnostics')).sort()[index];
  await row.hover();
  await row.locator('.action-label[aria-label^="Open File"]').click();
  await page.waitForFunction(
    (runId) => {
      const crumbs = document.querySelector('.editor-group-container.active .breadcrumbs-control')?.textContent ?? '';
      return crumbs.includes(runId) && crumbs.includes('task_graph_node_link.json');
    },
    run,
    { timeout: 30_000 },
  );
}

/** The workbench's colour theme, picked as a user picks it: Preferences: Color Theme, by its label. */
export async function setColorTheme(theme: 'Light Modern' | 'Dark Modern' | 'Dark High Contrast'): Promise<void> {
  const { page } = workbench();
  // Keys typed in a webview's input stay there: give the workbench the keyboard first.
  await page.locator('.activitybar').click({ position: { x: 24, y: 700 } });
  // Ctrl+K Ctrl+T, the Color Theme picker (the palette ranks "Browse Color Themes in Marketplace" first).
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  // The theme picker has the keyboard; typing filters it (and previews the theme).
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.type(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().waitFor();
  await page.keyboard.press('Enter');
  const bodyClass = theme === 'Light Modern' ? 'vs' : theme === 'Dark Modern' ? 'vs-dark' : 'hc-black';
  await page.locator(`.monaco-workbench.${bodyClass}`).waitFor({ timeout: 30_000 });
}
