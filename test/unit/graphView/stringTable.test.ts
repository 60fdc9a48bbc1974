import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { StringTable } from '../../../src/server/graph/stringTable';

suite('graph payload string tables', () => {
  test('the same value gets the same index; past the capacity the rest share the last slot', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (values, capacity) => {
        const table = new StringTable(capacity);
        const slots = values.map((v) => table.slot(v));
        const distinct = [...new Set(values)];
        assert.deepEqual(table.values, distinct.slice(0, capacity));
        values.forEach((v, i) => assert.equal(slots[i], distinct.indexOf(v) < capacity ? distinct.indexOf(v) : capacity - 1));
      }),
    );
  });
});
