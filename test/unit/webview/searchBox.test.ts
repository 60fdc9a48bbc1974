import * as assert from 'node:assert/strict';
import { bestMatch, searchIndexOf, searchTasks } from '../../../src/webview/panels/search';
import { createSearchBox } from '../../../src/webview/panels/searchBox';
import { FakeDocument, FakeEvent, fake } from './fakeDom';
import { samplePayload } from './samplePayload';

function setUp() {
  const { meta, arrays } = samplePayload();
  const index = searchIndexOf(meta, arrays);
  const doc = new FakeDocument();
  const shown: string[] = [];
  const calls = { clear: 0, dismiss: 0 };
  const box = createSearchBox(doc.asDocument, {
    search: (q) => searchTasks(index, q),
    start: (m, q) => bestMatch(index, m, q),
    onMatch: (task) => shown.push(arrays.names[task]),
    onClear: () => calls.clear++,
    onDismiss: () => calls.dismiss++,
  });
  const root = fake(box.element);
  doc.body.append(root);
  const input = fake(box.input);
  const type = (text: string): void => {
    input.value = text;
    input.dispatchEvent(new FakeEvent('input'));
  };
  const key = (k: string, shiftKey = false): void => void input.dispatchEvent(new FakeEvent('keydown', { key: k, shiftKey }));
  const status = (): string => root.byClass('pl-search-count')[0].textContent;
  return { doc, box, root, input, type, key, status, shown, calls, arrays };
}

suite('panels: search box (fake DOM)', () => {
  test('typing searches at once and shows the first match and the count; Enter and Shift+Enter step and wrap', () => {
    const { type, key, status, shown } = setUp();
    type('blame');
    assert.equal(status(), '1 of 4');
    assert.deepEqual(shown, ['rel_blame_v1']);
    key('Enter');
    assert.equal(status(), '2 of 4');
    key('Enter', true);
    key('Enter', true);
    assert.equal(status(), '4 of 4', 'wraps backwards');
    key('Enter');
    assert.equal(status(), '1 of 4', 'wraps forwards');
    assert.deepEqual(shown, ['rel_blame_v1', 'rel_scip_blame_v1', 'rel_blame_v1', 'rel_symtable_blame_v1', 'rel_blame_v1']);
  });

  test('the buttons step too, and are disabled when there is nothing to step to', () => {
    const { type, root, status } = setUp();
    const [previous, next] = [root.byClass('pl-search-previous')[0], root.byClass('pl-search-next')[0]];
    type('kind:scan');
    assert.equal(status(), '1 of 12');
    next.click();
    next.click();
    previous.click();
    assert.equal(status(), '2 of 12');
    type('no such task');
    assert.equal(status(), 'No matches');
    assert.ok(previous.disabled && next.disabled);
    assert.ok(root.classList.contains('pl-search-none'));
    type('rel_ts_blame_v1');
    assert.equal(status(), '1 of 1');
    assert.ok(next.disabled, 'one match, already shown');
  });

  test('typing a full name lands on that task even when other names contain it', () => {
    const { type, shown, status } = setUp();
    type('rel_blame_v1');
    assert.equal(shown.at(-1), 'rel_blame_v1');
    type('cpg_index_v1');
    assert.equal(shown.at(-1), 'cpg_index_v1');
    assert.equal(status(), '1 of 1');
  });

  test('no key typed in the box reaches the page: the graph keys [ ] n p, arrows and Enter stay in the box', () => {
    const { doc, input, root, type } = setUp();
    const leaked: string[] = [];
    for (const t of ['keydown', 'keypress', 'keyup']) doc.body.addEventListener(t, (e) => leaked.push(`${t} ${e.key}`));
    type('view');
    for (const k of ['[', ']', 'n', 'p', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter', 'Escape', 'a', ' ']) {
      for (const t of ['keydown', 'keypress', 'keyup']) input.dispatchEvent(new FakeEvent(t, { key: k }));
    }
    for (const button of root.byTag('button')) button.dispatchEvent(new FakeEvent('keydown', { key: 'Enter' }));
    assert.deepEqual(leaked, []);
    // The page itself still gets keys that do not come from the box.
    doc.body.dispatchEvent(new FakeEvent('keydown', { key: ']' }));
    assert.deepEqual(leaked, ['keydown ]']);
  });

  test('Escape clears the query (and the highlight); Escape on an empty box hands focus back', () => {
    const { type, key, input, status, calls, box } = setUp();
    type('blame');
    key('Escape');
    assert.equal(input.value, '');
    assert.equal(status(), '');
    assert.equal(calls.clear, 1);
    assert.equal(box.matches.length, 0);
    assert.equal(calls.dismiss, 0);
    key('Escape');
    assert.equal(calls.dismiss, 1);
    type('');
    assert.equal(calls.clear, 2, 'deleting the query by hand clears too');
  });

  test('refresh re-runs the query on new data and stays on the given task without moving the view', () => {
    const { type, key, box, status, shown, arrays } = setUp();
    type('blame');
    key('Enter');
    const at = box.matches[box.current];
    const before = shown.length;
    box.refresh(at);
    assert.equal(status(), '2 of 4');
    assert.equal(shown.length, before, 'no onMatch');
    box.refresh(arrays.names.indexOf('cpg_index_v1'));
    assert.equal(status(), '4 matches');
    key('Enter');
    assert.equal(status(), '1 of 4');
  });
});
