/**
 * The panels beside the canvas (src/webview/panels): the search box in the header and the task details
 * panel to the right of the graph, wired to the renderer and the host. Focus never leaves the page:
 * leaving the search box hands focus to the canvas.
 */

import type { GraphViewRequest } from '../protocol/graphView';
import type { TaskDetails } from '../protocol/planRequests';
import { createDetailsPanel } from './panels/detailsPanel';
import { neighbourhood } from './panels/graphIndex';
import { bestMatch, searchIndexOf, searchTasks, type SearchIndex } from './panels/search';
import { createSearchBox } from './panels/searchBox';
import type { GraphCanvas } from './render/graphCanvas';

export interface SidePanels {
  /** A new plan (or a redraw of the same one) is on the canvas. */
  planChanged(): void;
  /** The user picked a task: show its details (the host is asked by the caller). */
  picked(task: number): void;
  receive(name: string, details: TaskDetails | null): void;
}

export function attachSidePanels(graph: GraphCanvas, post: (m: GraphViewRequest) => void, places: { readonly workspace: HTMLElement; readonly searchSlot: HTMLElement; readonly canvas: HTMLElement }): SidePanels {
  let index: SearchIndex | undefined;
  const taskOf = (name: string): number => graph.plan?.arrays.names.indexOf(name) ?? -1;
  const nameOf = (task: number): string | undefined => graph.plan?.arrays.names[task];
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
      graph.select(task, 'centre');
      askDetails(task);
    },
    // The renderer draws the whole plan: focusing frames the neighbourhood rather than hiding the rest.
    onFocus: (task, hops, direction) => {
      const plan = graph.plan;
      if (plan !== undefined) graph.frame(neighbourhood(plan, task, hops, direction));
    },
    onClose: () => details.hide(),
  });
  places.workspace.append(details.element);
  const search = createSearchBox(document, {
    search: (query) => (index === undefined ? new Uint32Array(0) : searchTasks(index, query)),
    start: (matches, query) => (index === undefined ? 0 : bestMatch(index, matches, query)),
    onMatch: (task) => graph.select(task, 'centre'),
    onDismiss: () => places.canvas.focus(),
  });
  places.searchSlot.append(search.element);
  return {
    planChanged: () => {
      const plan = graph.plan;
      index = plan === undefined ? undefined : searchIndexOf(plan.meta, plan.arrays);
      search.refresh(graph.selection >= 0 ? graph.selection : undefined);
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
