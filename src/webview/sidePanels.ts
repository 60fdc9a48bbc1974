/**
 * The panels beside the canvas (src/webview/panels): the search box in the header and the task details
 * panel to the right of the graph, wired to the renderer and the host. Focus never leaves the page:
 * leaving the search box hands focus to the canvas.
 */

import type { GraphViewRequest } from '../protocol/graphView';
import type { TaskDetails } from '../protocol/planRequests';
import { createDetailsPanel } from './panels/detailsPanel';
import type { HopDirection } from './panels/graphIndex';
import { bestMatch, searchIndexOf, searchTasks, type SearchIndex } from './panels/search';
import { createSearchBox } from './panels/searchBox';
import type { Plan } from './planViews';

/** What the panels need of the page; tasks are the plan's (not the view's: a match may be hidden). */
export interface PanelsPage {
  plan(): Plan | undefined;
  /** The selected plan task, or -1. */
  selected(): number;
  /** Select and centre plan task t, widening the view when it is hidden. */
  show(t: number): void;
  focus(t: number, hops: number, direction: HopDirection): void;
  collapseGeneration(t: number): void;
}

export interface SidePanels {
  /** A new plan (or a redraw of the same one) is on the canvas. */
  planChanged(): void;
  /** The user picked a plan task: show its details (the host is asked by the caller). */
  picked(task: number): void;
  receive(name: string, details: TaskDetails | null): void;
}

export function attachSidePanels(page: PanelsPage, post: (m: GraphViewRequest) => void, places: { readonly workspace: HTMLElement; readonly searchSlot: HTMLElement; readonly canvas: HTMLElement }): SidePanels {
  let index: SearchIndex | undefined;
  let indexed: Plan | undefined;
  const taskOf = (name: string): number => page.plan()?.arrays.names.indexOf(name) ?? -1;
  const nameOf = (task: number): string | undefined => page.plan()?.arrays.names[task];
  const askDetails = (task: number): void => {
    const name = nameOf(task);
    if (name === undefined) return;
    details.showLoading(name);
    post({ type: 'details', task: name });
  };
  const details = createDetailsPanel(document, {
    taskOf,
    onReveal: (task) => {
      const name = nameOf(task);
      if (name !== undefined) post({ type: 'reveal', task: name });
    },
    onSelect: (task) => {
      page.show(task);
      askDetails(task);
    },
    onFocus: (task, hops, direction) => page.focus(task, hops, direction),
    onCollapseGeneration: (task) => page.collapseGeneration(task),
    onClose: () => details.hide(),
  });
  places.workspace.append(details.element);
  const search = createSearchBox(document, {
    search: (query) => (index === undefined ? new Uint32Array(0) : searchTasks(index, query)),
    start: (matches, query) => (index === undefined ? 0 : bestMatch(index, matches, query)),
    onMatch: (task) => page.show(task),
    onDismiss: () => places.canvas.focus(),
  });
  places.searchSlot.append(search.element);
  return {
    planChanged: () => {
      const plan = page.plan();
      // A view change (focus, collapse) keeps the plan: the index and the matches stay.
      if (plan === indexed) return;
      indexed = plan;
      index = plan === undefined ? undefined : searchIndexOf(plan.meta, plan.arrays);
      const selected = page.selected();
      search.refresh(selected >= 0 ? selected : undefined);
      const shown = details.task;
      if (shown !== undefined) {
        if (taskOf(shown) >= 0) askDetails(taskOf(shown));
        else details.showGone(shown);
      }
    },
    picked: (task) => {
      const name = nameOf(task);
      if (name !== undefined) details.showLoading(name);
    },
    receive: (name, d) => details.receive(name, d),
  };
}
