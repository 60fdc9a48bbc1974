/** README's "Commands and settings" tables against the manifest: every contributed command and setting, no other. */

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/corpus';

interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { default: unknown }> };
  };
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** The rows of the table whose header starts with `| first |`, in README's "Commands and settings" section, as cells. */
function table(first: string): string[][] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Commands and settings\n'));
  assert.ok(section, 'README has no "Commands and settings" section');
  const lines = section.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  assert.ok(start >= 0, `no table headed "${first}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

/** Where a command shows, from the manifest's menus, in README's words. */
function where(command: string): string {
  const places: string[] = [];
  const menus = manifest.contributes.menus;
  const hidden = (menus.commandPalette ?? []).some((m) => m.command === command && m.when === 'false');
  if (!hidden) places.push('palette');
  const named: [string, string][] = [['editor/title', 'editor title'], ['explorer/context', 'explorer context menu'], ['view/title', 'view title bar'], ['view/item/context', 'view items']];
  for (const [menu, name] of named) if ((menus[menu] ?? []).some((m) => m.command === command)) places.push(name);
  return places.join(', ');
}

suite('README lists what the manifest contributes', () => {
  test('commands: the same ids and titles, in the same order, and where each shows', () => {
    assert.deepEqual(
      table('command').map(([id, title, shows]) => [id, title, shows]),
      manifest.contributes.commands.map((c) => [`\`${c.command}\``, c.title, where(c.command)]),
    );
  });

  test('settings: the same ids and defaults', () => {
    const documented = table('setting').map(([id, def]) => [id, def]).sort();
    const declared = Object.entries(manifest.contributes.configuration.properties).map(([id, p]) => [`\`${id}\``, `\`${JSON.stringify(p.default)}\``]).sort();
    assert.deepEqual(documented, declared);
  });
});
