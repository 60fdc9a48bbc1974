/**
 * The Delta Pins view while a table in a bucket is being read, in the real extension host: the view's
 * provider is given a scripted language client that answers the first request (no states) at once and
 * the second (with states) after a delay, as a slow bucket does. The pin shows the spinner and "reading
 * s3://…" first, then the view redraws it with its state; states that come quickly skip the spinner.
 * (The server's side of the two answers is tested in test/unit/server/objectStoreRequests.test.ts.)
 */

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Logger } from '../../src/extension/logger';
import { DeltaPinsTree, type PinsNode } from '../../src/extension/views/deltaPinsTree';
import type { DeltaPinItem, DeltaPinsResult } from '../../src/protocol/trees';
import { waitUntil } from './support';

const table = 's3://warehouse/build/delta/ast_files_v1';

function answer(pin: Pick<DeltaPinItem, 'stateKind' | 'state'>): DeltaPinsResult {
  return { datasets: [{ dataset: 'ast_files_v1', pins: [{ key: '0:ast_files_v1@1', dataset: 'ast_files_v1', version: 1, runs: ['019bfeb2'], taskGraphs: [], views: ['ast_attrs_v1'], scanUnits: 0, ...pin }] }] };
}

/** A client whose Delta Pins answers come as a bucket's would: without states at once, with them after `statesAfterMs`. */
function scriptedClient(statesAfterMs: number): { readonly client: LanguageClient; readonly asked: boolean[] } {
  const asked: boolean[] = [];
  const client = {
    sendRequest: async (_type: unknown, params: { readonly states?: boolean }) => {
      asked.push(params.states !== false);
      if (params.states === false) return answer({ stateKind: 'reading', state: `reading ${table}` });
      await new Promise((r) => setTimeout(r, statesAfterMs));
      return answer({ stateKind: 'stale', state: 'stale: 1 version behind (the table is at version 2)' });
    },
  };
  return { client: client as unknown as LanguageClient, asked };
}

async function pinItem(tree: DeltaPinsTree): Promise<vscode.TreeItem> {
  const [dataset] = await tree.getChildren();
  assert.equal(dataset?.kind, 'dataset');
  const [pin] = await tree.getChildren(dataset as PinsNode);
  assert.equal(pin?.kind, 'pin');
  return tree.getTreeItem(pin as PinsNode);
}

const iconId = (item: vscode.TreeItem): string | undefined => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined);

suite('Delta Pins while a bucket is read', () => {
  const logger = new Logger();
  suiteTeardown(() => logger.dispose());

  test('a slow read: the pin spins with "reading s3://…", then the view redraws it with its state', async () => {
    const { client, asked } = scriptedClient(1_500);
    const tree = new DeltaPinsTree(async () => client, logger);
    let redrawn = 0;
    const listening = tree.onDidChangeTreeData(() => redrawn++);
    try {
      const reading = await pinItem(tree);
      assert.equal(iconId(reading), 'loading~spin');
      assert.equal(reading.description, `reading ${table}`);
      await waitUntil('the view redraws with the states', () => redrawn > 0, 10_000);
      const read = await pinItem(tree);
      assert.equal(iconId(read), 'warning');
      assert.equal(read.description, 'stale: 1 version behind (the table is at version 2)');
      assert.deepEqual(asked, [false, true], 'asked once without states, once with');
    } finally {
      listening.dispose();
      tree.dispose();
    }
  });

  test('a quick read (local tables): the states are shown at once, without the spinner', async () => {
    const { client } = scriptedClient(10);
    const tree = new DeltaPinsTree(async () => client, logger);
    try {
      const item = await pinItem(tree);
      assert.equal(iconId(item), 'warning');
      assert.match(String(item.description), /^stale/);
    } finally {
      tree.dispose();
    }
  });
});
