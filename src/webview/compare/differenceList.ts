/**
 * The ranked list of differences beside the drawings: one button per difference (most impact first),
 * its kind as a badge and its words as text (textContent only: a task name is never markup). Choosing one
 * shows its tasks in both drawings.
 */

import type { CompareDifference } from '../../protocol/compare';

/** Differences listed at once; the rest are counted (the Markdown view has them all). */
const SHOWN = 1000;

export function showDifferences(list: HTMLOListElement, differences: readonly CompareDifference[], chosen: (d: CompareDifference, item: HTMLButtonElement) => void): void {
  list.replaceChildren();
  for (const d of differences.slice(0, SHOWN)) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `difference kind-${d.kind}`;
    button.dataset.kind = d.kind;
    button.disabled = d.tasks.length === 0;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = d.kind;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = d.title;
    button.title = d.tasks.length === 0 ? d.title : `${d.title}\n(show in both graphs)`;
    button.append(badge, text);
    button.addEventListener('click', () => {
      for (const b of list.querySelectorAll('button.chosen')) b.classList.remove('chosen');
      button.classList.add('chosen');
      chosen(d, button);
    });
    item.append(button);
    list.append(item);
  }
  if (differences.length > SHOWN) {
    const more = document.createElement('li');
    more.textContent = `… ${differences.length - SHOWN} more (Show as text lists them all)`;
    list.append(more);
  }
  if (differences.length === 0) {
    const none = document.createElement('li');
    none.textContent = 'No difference: the same tasks, dependencies, signatures, pins, costs, drift and cache statuses.';
    list.append(none);
  }
}
