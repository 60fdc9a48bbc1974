/**
 * hyparquet is pinned to one exact version because src/core/columnar/parquetLeaves.ts and parquetGuard.ts
 * import its internal modules (`hyparquet/src/*.js`), which have no compatibility promise. This fails on
 * any other installed or declared version, and when an internal function they call is gone or changed
 * shape, so an upgrade is a deliberate step: bump the pin, run the checkpoint and hostile-file tests.
 */

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parquetHeader } from 'hyparquet/src/column.js';
import { convert, convertWithDictionary, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getTreePath } from 'hyparquet/src/schema.js';
import { repoRoot } from '../../support/corpus';

const PINNED = '1.31.5';

suite('hyparquet pin', () => {
  test(`package.json declares hyparquet ${PINNED} exactly, and that version is installed`, () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const installed = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'hyparquet', 'package.json'), 'utf8')) as { version: string }).version;
    const why = 'src/core/columnar/parquetLeaves.ts and parquetGuard.ts use hyparquet internals: re-check them, then move the pin';
    assert.equal(manifest.dependencies.hyparquet, PINNED, `hyparquet must be pinned exactly (${why})`);
    assert.equal(installed, PINNED, `hyparquet ${installed} is installed, ${PINNED} is pinned (${why})`);
  });

  test('the internal functions the page reader uses are there, with the arity it calls them with', () => {
    const used: Array<[string, unknown, number]> = [
      ['parquetHeader', parquetHeader, 1],
      ['convert', convert, 2],
      ['convertWithDictionary', convertWithDictionary, 4],
      ['decompressPage', decompressPage, 4],
      ['readDataPage', readDataPage, 3],
      ['readDataPageV2', readDataPageV2, 3],
      ['readPlain', readPlain, 4],
      ['getMaxDefinitionLevel', getMaxDefinitionLevel, 1],
      ['getMaxRepetitionLevel', getMaxRepetitionLevel, 1],
      ['getTreePath', getTreePath, 2],
    ];
    for (const [name, fn, arity] of used) {
      assert.equal(typeof fn, 'function', `hyparquet/src no longer exports ${name}`);
      assert.equal((fn as (...args: unknown[]) => unknown).length, arity, `hyparquet's ${name} now takes ${(fn as (...args: unknown[]) => unknown).length} arguments`);
    }
    assert.equal(typeof DEFAULT_PARSERS.timestampFromMilliseconds, 'function');
  });
});
