/**
 * The search box above the graph: a query field, the match count ("3 of 41"), previous and next buttons.
 * Typing searches at once and moves to the best match (an exact name first); Enter and Shift+Enter step
 * to the next and previous match, wrapping; Escape clears the query, and on an empty field hands focus
 * back (`onDismiss`). Every key typed in the box stays in the box: the graph's own keys (`[ ] n p`,
 * arrows, Enter) must not fire while the user types a name.
 *
 * The box does not know the graph: it calls `search` (the page passes `searchTasks` over its index) and
 * reports the match to show with `onMatch`; `refresh` re-runs the query when the plan is redrawn.
 */

import { el, keepKeys } from './dom';

export interface SearchBoxOptions {
  /** The matching tasks of a query, in the order next/previous walk them. */
  search(query: string): Uint32Array;
  /** Which match to show first for a new query (e.g. `bestMatch`); the first when omitted. */
  start?(matches: Uint32Array, query: string): number;
  /** Show and select this task. */
  onMatch(task: number): void;
  /** The query was cleared: drop the match highlighting. */
  onClear?(): void;
  /** Escape on an empty box: the user is done, focus can go back to the graph. */
  onDismiss?(): void;
}

export interface SearchBox {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  /** The current matches and the position of the one shown (-1: none). */
  readonly matches: Uint32Array;
  readonly current: number;
  focus(): void;
  /** Move to the next (+1) or previous (-1) match, wrapping. */
  step(delta: 1 | -1): void;
  /**
   * Re-run the query on new data without moving the view: the position stays on `task` (the page maps the
   * task the user was at to its index in the new plan) when it still matches, else no match is current.
   */
  refresh(task?: number): void;
  clear(): void;
}

const count = (n: number): string => n.toLocaleString('en-US');

export function createSearchBox(doc: Document, options: SearchBoxOptions): SearchBox {
  const input = el(doc, 'input', {
    className: 'pl-search-input',
    // type=text, not search: Chromium's search field clears itself on Escape, and Escape is ours.
    attrs: { type: 'text', placeholder: 'Search tasks: name, kind:scan, dataset:…', 'aria-label': 'Search tasks by name, kind or dataset', spellcheck: 'false', autocomplete: 'off' },
  });
  const status = el(doc, 'span', { className: 'pl-search-count', attrs: { role: 'status', 'aria-live': 'polite' } });
  const previous = el(doc, 'button', { className: 'pl-search-previous', text: '↑', attrs: { type: 'button', 'aria-label': 'Previous match', title: 'Previous match (Shift+Enter)' } });
  const next = el(doc, 'button', { className: 'pl-search-next', text: '↓', attrs: { type: 'button', 'aria-label': 'Next match', title: 'Next match (Enter)' } });
  const element = el(doc, 'div', { className: 'pl-search', attrs: { role: 'search' } }, [input, status, previous, next]);
  keepKeys(element);

  let query = '';
  let matches: Uint32Array = new Uint32Array(0);
  let current = -1;

  const render = (): void => {
    status.textContent =
      query.trim() === '' ? '' : matches.length === 0 ? 'No matches' : current < 0 ? `${count(matches.length)} ${matches.length === 1 ? 'match' : 'matches'}` : `${count(current + 1)} of ${count(matches.length)}`;
    previous.disabled = next.disabled = matches.length === 0 || (matches.length === 1 && current === 0);
    element.classList.toggle('pl-search-none', query.trim() !== '' && matches.length === 0);
  };

  const show = (position: number): void => {
    current = position;
    render();
    if (position >= 0) options.onMatch(matches[position]);
  };

  const run = (): void => {
    query = input.value;
    matches = options.search(query);
    if (matches.length === 0) {
      current = -1;
      render();
      if (query.trim() === '') options.onClear?.();
      return;
    }
    const first = options.start?.(matches, query) ?? 0;
    show(first >= 0 && first < matches.length ? first : 0);
  };

  const step = (delta: 1 | -1): void => {
    if (input.value !== query) run();
    if (matches.length === 0) return;
    show(current < 0 ? (delta > 0 ? 0 : matches.length - 1) : (current + delta + matches.length) % matches.length);
  };

  const clear = (): void => {
    input.value = '';
    query = '';
    matches = new Uint32Array(0);
    current = -1;
    render();
    options.onClear?.();
  };

  input.addEventListener('input', run);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (input.value === '') options.onDismiss?.();
      else clear();
    }
  });
  previous.addEventListener('click', () => step(-1));
  next.addEventListener('click', () => step(1));
  render();

  return {
    element,
    input,
    get matches() {
      return matches;
    },
    get current() {
      return current;
    },
    focus: () => {
      input.focus();
      input.select();
    },
    step,
    refresh: (task?: number) => {
      query = input.value;
      matches = options.search(query);
      current = task === undefined ? -1 : matches.indexOf(task);
      render();
    },
    clear,
  };
}
