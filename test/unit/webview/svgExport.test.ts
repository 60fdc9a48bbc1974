import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TaskFlag } from '../../../src/protocol/graphPayload';
import { defaultSvgColours, escapeXml, graphToSvg, type SvgColours } from '../../../src/webview/panels/svgExport';
import { samplePayload } from './samplePayload';
import { largePlan, planOf } from './syntheticPlan';
import { elements, parseXml, textOf, type XmlElement } from './xmlCheck';

/** What a name reads as after export: characters XML 1.0 forbids become U+FFFD, the rest is kept. */
function xmlSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function tasksIn(svg: XmlElement): Map<number, XmlElement> {
  const tasks = new Map<number, XmlElement>();
  for (const e of elements(svg)) {
    if (e.name !== 'g' || !(e.attributes.get('class') ?? '').split(' ').includes('task')) continue;
    const id = Number(e.attributes.get('data-task'));
    assert.ok(!tasks.has(id), `task ${id} twice`);
    tasks.set(id, e);
  }
  return tasks;
}

function child(e: XmlElement, name: string): XmlElement {
  const found = [...elements(e)].find((c) => c !== e && c.name === name);
  assert.ok(found !== undefined, `<${e.name}> has no <${name}>`);
  return found;
}

function groupPaths(svg: XmlElement, cls: string): number {
  const g = [...elements(svg)].find((e) => e.name === 'g' && e.attributes.get('class') === cls);
  assert.ok(g !== undefined, cls);
  return g.children.filter((c) => typeof c !== 'string' && c.name === 'path').length;
}

suite('panels: SVG export', () => {
  test('the sample exports as well-formed SVG with every task once (title and label its name), every reduced edge, the critical path marked', () => {
    const { meta, arrays } = samplePayload();
    const text = graphToSvg(meta, arrays, arrays);
    const svg = parseXml(text);
    assert.equal(svg.name, 'svg');
    assert.equal(svg.attributes.get('xmlns'), 'http://www.w3.org/2000/svg');
    const tasks = tasksIn(svg);
    assert.deepEqual([...tasks.keys()].sort((a, b) => a - b), [...Array(meta.taskCount).keys()]);
    for (const [v, g] of tasks) {
      assert.equal(textOf(child(g, 'title')), arrays.names[v]);
      assert.equal(textOf(child(g, 'text')), arrays.names[v]);
      const classes = (g.attributes.get('class') ?? '').split(' ');
      assert.equal(classes.includes('critical'), (arrays.flags[v] & TaskFlag.critical) !== 0);
      assert.equal(classes.includes('not-run'), (arrays.flags[v] & TaskFlag.notRun) !== 0);
      assert.ok(classes.includes(`k${arrays.kind[v]}`));
    }
    const critical = groupPaths(svg, 'critical-path');
    assert.equal(critical, arrays.criticalPath.length - 1);
    assert.equal(groupPaths(svg, 'edges') + critical, meta.edgeCount);
    assert.equal(textOf(child(svg, 'title')), meta.title);
    assert.equal(graphToSvg(meta, arrays, arrays), text, 'deterministic');
  });

  test('a hostile name, kind, title and theme stay text: escaped, forbidden characters replaced, nothing injected', () => {
    const xss = `<img src=x onerror=alert(1)>"'&`;
    const controls = 'a\u0000b\u0007c\u001Fd\u000Be\tf\ng\u007Fh';
    const surrogates = 'x\uD800y\uDC00z\uFFFE\uFFFF \u{1F600}';
    const names = [xss, controls, surrogates, ']]><!--', '&amp;'];
    const plan = planOf({ names, edges: [[0, 1], [1, 2]], kinds: ['<script>alert(1)</script>', 'k"\''], kind: [0, 1, 0, 1, 0], criticalPath: [0, 1, 2] });
    const hostileColours: SvgColours = {
      ...defaultSvgColours,
      edge: 'red;}</style><script>alert(1)</script><style>',
      kind: () => 'url(javascript:alert(1))',
      fontFamily: `"><script>alert(1)</script>`,
    };
    const text = graphToSvg({ ...plan.meta, title: `</title><script>alert("t")</script>` }, plan.arrays, plan.arrays, hostileColours);
    const svg = parseXml(text);
    const all = [...elements(svg)];
    assert.ok(!all.some((e) => e.name === 'img' || e.name === 'script'), 'no element from data');
    assert.ok(!text.includes('<img') && !text.includes('<script'));
    const tasks = tasksIn(svg);
    names.forEach((name, v) => {
      const g = tasks.get(v);
      assert.ok(g !== undefined);
      assert.equal(textOf(child(g, 'title')), xmlSafe(name));
      assert.equal(textOf(child(g, 'text')), xmlSafe(name));
    });
    assert.equal(textOf(child(tasks.get(1) as XmlElement, 'title')), 'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\tf\ng\u007Fh', 'tab, LF and U+007F are allowed and kept');
    assert.equal(textOf(child(tasks.get(2) as XmlElement, 'title')), 'x\uFFFDy\uFFFDz\uFFFD\uFFFD \u{1F600}', 'a surrogate pair is kept, lone ones are not');
    const style = textOf(child(svg, 'style'));
    assert.ok(!style.includes('javascript') && !style.includes('</style'), 'theme values that are not colours fall back');
    assert.equal(svg.attributes.get('font-family'), `"><script>alert(1)</script>`, 'kept as an escaped attribute value');
  });

  test('escapeXml: the five characters become entities, forbidden ones U+FFFD, anything else unchanged', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(escapeXml('plain_name_v1'), 'plain_name_v1');
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }), (s) => {
        const escaped = escapeXml(s);
        const back = parseXml(`<t a="${escaped}" b='${escaped}'>${escaped}</t>`);
        assert.equal(textOf(back), xmlSafe(s));
        assert.equal(back.attributes.get('a'), xmlSafe(s));
        assert.equal(back.attributes.get('b'), xmlSafe(s));
      }),
      { numRuns: 500 },
    );
  });

  test('any names (any UTF-16, lone surrogates too) export to SVG that parses back with every task once', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 }), { maxLength: 12 }), (names) => {
        const plan = planOf({ names, edges: names.length > 1 ? [[0, names.length - 1]] : [] });
        const tasks = tasksIn(parseXml(graphToSvg(plan.meta, plan.arrays, plan.arrays)));
        assert.equal(tasks.size, names.length);
        names.forEach((name, v) => assert.equal(textOf(child(tasks.get(v) as XmlElement, 'title')), xmlSafe(name)));
      }),
      { numRuns: 200 },
    );
  });

  test('an empty plan is still a valid SVG; positions shorter than the task count are refused', () => {
    const plan = planOf({ names: [], edges: [] });
    assert.equal(tasksIn(parseXml(graphToSvg(plan.meta, plan.arrays, plan.arrays))).size, 0);
    const two = planOf({ names: ['a', 'b'], edges: [] });
    assert.throws(() => graphToSvg(two.meta, two.arrays, { x: new Float32Array(1), y: new Float32Array(1) }), /1 positions for 2 tasks/);
  });

  test('100k tasks export in one pass and parse back with every task (times printed)', () => {
    const { meta, arrays } = largePlan(100_000);
    graphToSvg(meta, arrays, arrays); // the first call compiles
    const t = performance.now();
    const text = graphToSvg(meta, arrays, arrays);
    const took = performance.now() - t;
    const p = performance.now();
    const tasks = tasksIn(parseXml(text));
    const parse = performance.now() - p;
    console.log(`      100k tasks, ${meta.edgeCount} edges: export ${took.toFixed(0)} ms, ${(text.length / 1e6).toFixed(1)} M characters (the test's own parse: ${parse.toFixed(0)} ms)`);
    assert.equal(tasks.size, 100_000);
  });
});
