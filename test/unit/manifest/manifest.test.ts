import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { commandIds, planLanguageId, treeItemContexts, viewContainerId, viewIds } from '../../../src/extension/ids';
import { isPlanFile, PLAN_FILE_PATTERNS } from '../../../src/core/workspace/planFiles';
import { DEFAULT_ARTIFACT_GLOBS } from '../../../src/core/workspace/workspace';
import { GlobSet } from '../../../src/core/workspace/glob';
import { repoRoot } from '../../support/corpus';

interface Contribution {
  readonly command?: string;
  readonly when?: string;
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const contributedCommands: string[] = contributes.commands.map((c: { command: string }) => c.command);
const contributedViews: string[] = Object.values(contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id);
const menuEntries: Contribution[] = Object.values(contributes.menus as Record<string, Contribution[]>).flat();

/** Context keys that VS Code itself sets and that Plan Lens's menus may use. */
const workbenchKeys = new Set(['view', 'viewItem', 'resourceLangId', 'editorLangId', 'resourceFilename', 'resourceExtname', 'activeWebviewPanelId']);

/** The identifiers a when-clause reads, and the values it compares them with. */
function whenTerms(when: string): { keys: string[]; comparisons: [string, string][] } {
  const comparison = /([\w.]+)\s*(?:==|!=|=~)\s*('[^']*'|\/[^/]*\/|[\w.-]+)/g;
  const comparisons = [...when.matchAll(comparison)].map((m) => [m[1], m[2].replace(/^'|'$/g, '')] as [string, string]);
  const keys = [...when.replace(comparison, '$1').matchAll(/[A-Za-z][\w.]*/g)].map((m) => m[0]).filter((k) => k !== 'true' && k !== 'false');
  return { keys, comparisons };
}

suite('Manifest', () => {
  test('contributed commands and the command registry are the same set', () => {
    assert.deepEqual([...contributedCommands].sort(), [...commandIds].sort());
  });

  test('every command id uses the planLens. prefix, the Plan Lens category and a codicon', () => {
    for (const c of contributes.commands) {
      assert.match(c.command, /^planLens\.[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/, c.command);
      assert.equal(c.category, 'Plan Lens', c.command);
      assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/, `${c.command} has no codicon`);
    }
  });

  test('views and the container are the ones the code knows', () => {
    assert.deepEqual(Object.keys(contributes.views), [viewContainerId]);
    assert.deepEqual(contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id), [viewContainerId]);
    assert.deepEqual(contributedViews.sort(), [...viewIds].sort());
  });

  test('menus run only contributed commands, and when-clauses use known keys and values', () => {
    for (const entry of menuEntries) {
      assert.ok(entry.command !== undefined && contributedCommands.includes(entry.command), `menu runs unknown ${entry.command}`);
      const { keys, comparisons } = whenTerms(entry.when ?? '');
      for (const key of keys) assert.ok(workbenchKeys.has(key) || key.startsWith('planLens.'), `unknown context key ${key} in "${entry.when}"`);
      for (const [key, value] of comparisons) {
        if (key === 'view') assert.ok(contributedViews.includes(value), `unknown view ${value}`);
        if (key === 'viewItem') assert.ok((treeItemContexts as readonly string[]).includes(value), `unknown tree item ${value}`);
        if (key === 'resourceLangId' || key === 'editorLangId') assert.equal(value, planLanguageId);
      }
    }
  });

  test('activation is scoped to plan files and Plan Lens itself', () => {
    for (const event of manifest.activationEvents as string[]) {
      assert.ok(event !== '*' && event !== 'onStartupFinished' && !event.startsWith('workspaceContains:'), `too eager: ${event}`);
    }
    assert.deepEqual(manifest.activationEvents, [`onLanguage:${planLanguageId}`]);
    const language = contributes.languages.find((l: { id: string }) => l.id === planLanguageId);
    assert.deepEqual(language.filenamePatterns, [...PLAN_FILE_PATTERNS]);
  });

  test('plan files are one definition: the language, the discovery defaults and the name test agree', () => {
    // A bundle opened alone activates the extension (its language is planlens-json) and keeps its schema.
    assert.ok((PLAN_FILE_PATTERNS as readonly string[]).includes('*.planlens.json'));
    assert.deepEqual(manifest.contributes.jsonLanguageParticipants, [{ languageId: planLanguageId }]);
    assert.ok((manifest.extensionDependencies as string[]).includes('vscode.json-language-features'));
    const discovered = new GlobSet(DEFAULT_ARTIFACT_GLOBS);
    for (const name of ['task_graph_node_link.json', 'run1_node_link.json', 'plan_schedule_v1.json', 'plan_validation_v1.json', 'sample.planlens.json', 'PLAN_SCHEDULE_V1.JSON']) {
      assert.ok(isPlanFile(`/ws/.artifacts/r/${name}`), name);
      if (name === name.toLowerCase()) assert.ok(discovered.matches(`deep/er/${name}`), name);
    }
    for (const name of ['settings.json', 'plan_schedule_v1.msgpack', 'task_graph.dot', 'planlens.json']) assert.ok(!isPlanFile(`/ws/${name}`), name);
  });

  test('workspace trust and virtual workspaces are declared', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(manifest.capabilities.untrustedWorkspaces.description.length > 0);
    assert.ok('virtualWorkspaces' in manifest.capabilities);
  });

  test('the bundle schema is contributed for *.planlens.json, and shipped in the package', () => {
    const validation: Array<{ fileMatch: string; url: string }> = manifest.contributes.jsonValidation;
    assert.deepEqual(validation.map((v) => v.fileMatch), ['*.planlens.json']);
    for (const v of validation) {
      assert.ok(existsSync(path.join(repoRoot, v.url)), `${v.url} is missing`);
      assert.match(readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8'), new RegExp(`^!${v.url.split('/')[1]}/\\*\\*$`, 'm'));
    }
  });
});
