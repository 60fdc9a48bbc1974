import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { viewIds } from '../../../src/extension/ids';
import { repoRoot } from '../../support/corpus';

interface Manifest {
  readonly contributes: {
    readonly viewsWelcome: readonly { readonly view: string; readonly contents: string }[];
    readonly commands: readonly { readonly command: string }[];
    readonly configuration: { readonly properties: Readonly<Record<string, unknown>> };
  };
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;

suite('Tree views: welcome content when a view is empty', () => {
  test('every view says what it looks for; the discovery views name the settings that change it, and every link works', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const view of viewIds) {
      const welcome = manifest.contributes.viewsWelcome.filter((w) => w.view === view);
      assert.equal(welcome.length, 1, `${view} has no welcome content`);
      const text = welcome[0].contents;
      if (view !== 'planLens.criticalPath') assert.match(text, /planLens\.artifactGlobs/, `${view} does not name the setting that changes where it looks`);
      for (const [, command, args] of text.matchAll(/\]\(command:([\w.]+)(?:\?([^)]*))?\)/g)) {
        if (command === 'workbench.action.openSettings') {
          const setting = JSON.parse(decodeURIComponent(args ?? '""')) as string;
          assert.ok(setting in manifest.contributes.configuration.properties, `${view} links to the undeclared setting ${setting}`);
        } else assert.ok(contributed.has(command), `${view} links to the unknown command ${command}`);
      }
    }
  });
});
