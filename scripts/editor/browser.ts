/** Debian's chromium driven by playwright-core, with its state in the run's scratch folder. */

import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export async function launchBrowser(executablePath: string, env: NodeJS.ProcessEnv): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export async function newWorkbenchPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  // Keys pressed before the workbench exists are lost.
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  return page;
}

/**
 * Runs a command from the palette. Contributed commands only appear once the remote extension host has
 * registered the extensions, some seconds after the workbench renders, so the palette is reopened until
 * the command is listed (or when it closed before the title could be typed); each try waits on the list
 * row, not on a fixed delay.
 */
export async function runFromPalette(page: Page, title: string, limitMs = 60_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    // A file the test just opened can take focus a moment after F1 and close the palette: open it again.
    const typed = await input.fill(`>${title}`, { timeout: 3_000 }).then(() => true, () => false);
    if (!typed) {
      if (Date.now() - started > limitMs) throw new Error(`the palette closed before "${title}" could be typed`);
      continue;
    }
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    if (await row.waitFor({ timeout: 1_500 }).then(() => true, () => false)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Escape');
    if (Date.now() - started > limitMs) throw new Error(`command "${title}" never appeared in the palette`);
  }
}
