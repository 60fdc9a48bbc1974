/** The workbench the UI tests drive: one fresh code-server and chromium page per run, set up by runUi.ts. */

import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { screenshotsDir } from '../../scripts/editor/paths';

export interface Workbench {
  readonly page: Page;
  /** Absolute path of the workspace folder that is open. */
  readonly workspace: string;
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

/** Saves a PNG of the whole workbench under test-results/screenshots/ and remembers it for the listing. */
export async function screenshot(name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await workbench().page.screenshot({ path: file, animations: 'disabled' });
  taken.push(file);
}

export function screenshotsTaken(): readonly string[] {
  return taken;
}
