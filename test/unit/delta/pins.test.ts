/**
 * Pin resolution against a corpus table: pinned vs latest version, the pinned commit's time, file counts,
 * and candidate files that are gone (the plan cannot be reproduced) or not active at the pin.
 */

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolvePins } from '../../../src/core/delta/pins';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { needCorpus } from '../../support/corpus';

suite('delta pins', () => {
  test('a pin behind the latest version, with an existing and a vacuumed candidate', async function () {
    const table = path.join(needCorpus(this, 'delta'), 'simple_table');
    const [r] = await resolvePins(nodeFileSystem, [
      {
        dataset: 'ids',
        tablePath: table,
        version: 2,
        candidateFiles: ['part-00000-c1777d7d-89d9-4790-b38a-6ee7e24456b1-c000.snappy.parquet', 'part-99999-gone.snappy.parquet'],
      },
    ]);
    assert.equal(r.pinnedVersion, 2);
    assert.equal(r.latestVersion, 4);
    assert.equal(r.versionsBehind, 2);
    assert.equal(r.pinnedCommitTime, 1587968604143);
    assert.ok((r.filesAtPin ?? 0) > 0 && (r.filesAtLatest ?? 0) > 0);
    assert.equal(r.reproducible, false);
    assert.deepEqual(
      r.candidates.map((c) => c.existsOnDisk),
      [true, false],
    );
    assert.deepEqual(r.issues.map((i) => i.code).sort(), ['delta-pin-behind', 'delta-pin-files-vacuumed']);
  });

  test('an unpinned read is the latest and reproducible; a missing table is an error', async function () {
    const dir = needCorpus(this, 'delta');
    const [latest, missing] = await resolvePins(nodeFileSystem, [
      { dataset: 'ids', tablePath: path.join(dir, 'simple_table') },
      { dataset: 'nowhere', tablePath: path.join(dir, 'no-such-table'), version: 1 },
    ]);
    assert.equal(latest.pinnedVersion, 4);
    assert.equal(latest.versionsBehind, 0);
    assert.equal(latest.reproducible, true);
    assert.deepEqual(latest.issues, []);
    assert.equal(missing.reproducible, false);
    assert.ok(missing.issues.some((i) => i.severity === 'error' && i.code === 'delta-no-table'));
    assert.equal(missing.state, 'table-missing');
    assert.equal(latest.state, 'current');
  });
});
