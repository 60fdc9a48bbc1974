import * as assert from 'node:assert/strict';
import { pythonFloatRepr, pythonJsonDumps, pythonJsonFile, pythonJsonLines, pythonStrList } from '../../../src/core/sample/pythonJson';
import { v } from '../../../src/core/identity/value';

// Expected texts were produced by CPython 3 (`repr`, `json.dumps`) on the same inputs.
suite('Python json.dumps text', () => {
  test('floats print as Python repr', () => {
    const cases: [number, string][] = [
      [1.0, '1.0'], [0.1, '0.1'], [2414.6, '2414.6'], [2417.6000000000004, '2417.6000000000004'], [1e16, '1e+16'],
      [1.5e-7, '1.5e-07'], [0.0001, '0.0001'], [0.00001, '1e-05'], [123456789012345.6, '123456789012345.6'], [1e22, '1e+22'], [-3.25, '-3.25'],
    ];
    for (const [x, text] of cases) assert.equal(pythonFloatRepr(x), text, String(x));
  });

  test('strings use ensure_ascii escaping and default separators', () => {
    assert.equal(pythonJsonDumps(v.strs(['a"b', '\\', '\n', 'é', '😀', '\u0001'])), '["a\\"b", "\\\\", "\\n", "\\u00e9", "\\ud83d\\ude00", "\\u0001"]');
  });

  test('indent=2, sort_keys=True', () => {
    const value = v.dict([['b', v.array([v.int(1), v.dict([['z', v.float(1)], ['a', v.nil]])])], ['a', v.bool(true)]]);
    assert.equal(pythonJsonDumps(value, { indent: 2, sortKeys: true }), '{\n  "a": true,\n  "b": [\n    1,\n    {\n      "a": null,\n      "z": 1.0\n    }\n  ]\n}');
    assert.equal(pythonJsonDumps(v.array([v.array([])]), { indent: 2 }), '[\n  []\n]');
    assert.equal(pythonJsonDumps(v.dict([]), { indent: 2 }), '{}');
  });
});

suite('Python json.dumps bytes', () => {
  test('pythonJsonFile and pythonJsonLines are the UTF-8 of pythonJsonDumps with newlines, escapes included', () => {
    const value = v.dict([
      ['b', v.array([v.str('a"b\\c\n\u0001\u007f é 😀 <&>'), v.int(3), v.float(0.5), v.nil, v.bool(false), v.dict([])])],
      ['a', v.str('x'.repeat(300_000))],
    ]);
    for (const options of [{}, { sortKeys: true }, { indent: 2, sortKeys: true }]) {
      const expected = new TextEncoder().encode(pythonJsonDumps(value, options) + '\n');
      assert.deepEqual(pythonJsonFile(value, options), expected);
      assert.deepEqual(pythonJsonLines([value, v.strs([])], options), new TextEncoder().encode(pythonJsonDumps(value, options) + '\n[]\n'));
    }
    // Past one 1 MB chunk: a long string and many small pieces.
    const many = v.strs(Array.from({ length: 200_000 }, (_, i) => `task_${i}`));
    assert.deepEqual(pythonJsonFile(many, { indent: 2 }), new TextEncoder().encode(pythonJsonDumps(many, { indent: 2 }) + '\n'));
    assert.equal(pythonStrList(['a', '"\u00e9']), pythonJsonDumps(v.strs(['a', '"\u00e9'])));
  });
});
