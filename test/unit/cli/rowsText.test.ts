import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { alignedText, csvText, MAX_CELL_WIDTH, tsvText } from '../../../src/cli/format/rowsText';

const cell = fc.oneof(fc.string({ maxLength: 60 }), fc.integer(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }));
const tables = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    columns: fc.uniqueArray(fc.stringMatching(/^[a-z_]{1,12}$/), { minLength: n, maxLength: n }),
    rows: fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 6 }),
  }),
);
const asRows = (columns: string[], rows: unknown[][]): Record<string, unknown>[] => rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));

/** Undoes tsvText's escapes (\\t, \\n, \\r, \\\\), as a TSV reader such as PostgreSQL's COPY does. */
const untsv = (field: string): string => field.replace(/\\([\\tnr])/g, (_, c: string) => ({ '\\': '\\', t: '\t', n: '\n', r: '\r' })[c] as string);

suite('plan-lens table: rows as text', () => {
  test('aligned: every column starts at the same place on every line, and long cells end in an ellipsis', () => {
    const text = alignedText(['name', 'plan_fingerprint', 'n'], [
      { name: 'a', plan_fingerprint: 'f'.repeat(64), n: 1 },
      { name: 'longer_name', plan_fingerprint: 'short', n: null },
    ]);
    assert.deepEqual(text.split('\n'), [
      `name         plan_fingerprint${' '.repeat(MAX_CELL_WIDTH - 16)}  n`,
      `a            ${'f'.repeat(MAX_CELL_WIDTH - 1)}…  1`,
      `longer_name  short${' '.repeat(MAX_CELL_WIDTH - 5)}  NULL`,
    ]);
  });

  test('property: aligned cells are at most the width, cut only when longer, and a cut never splits a code point', () => {
    fc.assert(
      fc.property(tables, fc.integer({ min: 2, max: 20 }), ({ columns, rows }, width) => {
        const lines = alignedText(columns, asRows(columns, rows), width).split('\n');
        assert.equal(lines.length, rows.length + 1);
        for (const line of lines) {
          assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(line), 'a lone high surrogate');
          assert.ok([...line].length <= columns.length * (width + 2), line);
        }
        rows.forEach((row, i) =>
          row.forEach((x) => {
            const chars = [...(x === null ? 'NULL' : typeof x === 'object' ? JSON.stringify(x) : String(x)).replace(/\r\n|\r|\n/g, '⏎').replace(/\t/g, ' ')];
            const shown = chars.length <= width ? chars.join('') : chars.slice(0, width - 1).join('') + '…';
            assert.ok(lines[i + 1].includes(shown.trimEnd()), `${JSON.stringify(shown)} not in ${JSON.stringify(lines[i + 1])}`);
          }),
        );
      }),
    );
  });

  test('property: TSV has one line per row and a field per column, and its escapes undo to the cells', () => {
    fc.assert(
      fc.property(tables, ({ columns, rows }) => {
        const lines = tsvText(columns, asRows(columns, rows)).split('\n');
        assert.equal(lines.length, rows.length + 1);
        lines.slice(1).forEach((line, i) => {
          const fields = line.split('\t');
          assert.equal(fields.length, columns.length);
          fields.forEach((f, j) => assert.equal(untsv(f), rows[i][j] === null ? '' : typeof rows[i][j] === 'object' ? JSON.stringify(rows[i][j]) : String(rows[i][j])));
        });
      }),
    );
  });

  test('CSV quotes what RFC 4180 requires and ends lines in CRLF', () => {
    const text = csvText(['a', 'b'], [{ a: 'plain', b: 'has,comma' }, { a: 'say "hi"', b: 'two\nlines' }, { a: null, b: ['x'] }]);
    assert.equal(text, 'a,b\r\nplain,"has,comma"\r\n"say ""hi""","two\nlines"\r\n,"[""x""]"');
  });
});
