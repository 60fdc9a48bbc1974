/**
 * The task details panel beside the graph: everything the language server knows of one task
 * (`TaskDetails`): what it is, what it costs and why, where it sits on the critical path, what it reads
 * and writes, its identity and whether `verify` confirms it, its Delta pins, cache and drift. Names of
 * other tasks are buttons that select them; "Reveal in plan file" and the focus buttons hand the task to
 * the page. States: hidden, loading (the request is in flight), the details, and "no longer in the plan"
 * (the plan changed under the panel).
 *
 * Built with createElement and textContent only (see dom.ts): names are plan data. Numbers are rounded
 * for display (`displayNumber`). Keys typed in the panel do not reach the graph.
 */

import type { TaskDeltaPin, TaskDetails, TaskEvidence } from '../../protocol/planRequests';
import { fileName } from '../../core/text/fileName';
import { formatNumber as displayNumber } from '../../core/text/formatNumber';
import { el, keepKeys } from './dom';
import type { HopDirection } from './graphIndex';

export interface DetailsPanelOptions {
  /** The task index of a name in the drawn plan, or -1 (then the name is shown as text, not a link). */
  taskOf(name: string): number;
  /** Select the task in the plan file (the page keeps focus in the graph). */
  onReveal(task: number): void;
  /** Select the task in the graph (and ask for its details). */
  onSelect(task: number): void;
  /** Show only the tasks within `hops` of this one (Infinity: every ancestor and/or descendant). */
  onFocus(task: number, hops: number, direction: HopDirection): void;
  /** Draw the task's generation as one box. */
  onCollapseGeneration(task: number): void;
  onClose(): void;
}

export interface DetailsPanel {
  readonly element: HTMLElement;
  /** The task shown or awaited, or undefined when the panel is closed. */
  readonly task: string | undefined;
  /** The details of `name` were asked for: show that they are coming. */
  showLoading(name: string): void;
  /** The host's answer; an answer for another task than the one awaited is stale and dropped. */
  receive(name: string, details: TaskDetails | null): void;
  show(details: TaskDetails): void;
  showGone(name: string): void;
  hide(): void;
}

/** Upstream and downstream lists longer than this show the first ones and a count: a hub task of a 100k plan can have thousands. */
const MAX_LINKS = 200;

const hopChoices: ReadonlyArray<readonly [string, number]> = [
  ['1 hop', 1],
  ['2 hops', 2],
  ['3 hops', 3],
  ['5 hops', 5],
  ['all', Infinity],
];

export function createDetailsPanel(doc: Document, options: DetailsPanelOptions): DetailsPanel {
  const title = el(doc, 'h2', { className: 'pl-details-title', attrs: { id: 'pl-details-title' } });
  const close = el(doc, 'button', { className: 'pl-details-close', text: '×', attrs: { type: 'button', 'aria-label': 'Close details', title: 'Close details' } });
  const body = el(doc, 'div', { className: 'pl-details-body' });
  const element = el(doc, 'aside', { className: 'pl-details', attrs: { 'aria-labelledby': 'pl-details-title' } }, [el(doc, 'div', { className: 'pl-details-header' }, [title, close]), body]);
  element.hidden = true;
  keepKeys(element);
  close.addEventListener('click', () => {
    hide();
    options.onClose();
  });

  let current: string | undefined;

  const open = (name: string, busy: boolean): void => {
    current = name;
    element.hidden = false;
    element.setAttribute('aria-busy', busy ? 'true' : 'false');
    title.textContent = name;
    title.title = name;
  };

  const showLoading = (name: string): void => {
    open(name, true);
    body.replaceChildren(el(doc, 'p', { className: 'pl-details-state', text: 'Loading details…' }));
  };

  const showGone = (name: string): void => {
    open(name, false);
    body.replaceChildren(el(doc, 'p', { className: 'pl-details-state pl-details-gone', text: 'This task is no longer in the plan: the plan file changed. Pick another task in the graph.' }));
  };

  const show = (d: TaskDetails): void => {
    open(d.name, false);
    body.replaceChildren(...sections(doc, d, options));
  };

  const hide = (): void => {
    current = undefined;
    element.hidden = true;
    body.replaceChildren();
  };

  return {
    element,
    get task() {
      return current;
    },
    showLoading,
    receive: (name, details) => {
      if (name !== current) return;
      if (details === null) showGone(name);
      else show(details);
    },
    show,
    showGone,
    hide,
  };
}

function sections(doc: Document, d: TaskDetails, options: DetailsPanelOptions): HTMLElement[] {
  const self = options.taskOf(d.name);
  const out: HTMLElement[] = [facts(doc, d)];
  const why = slackNote(d);
  if (why !== undefined) out.push(note(doc, why));
  if (self >= 0) out.push(actions(doc, self, options));
  out.push(fingerprint(doc, d));
  out.push(section(doc, 'Inputs', d.inputs.length === 0 ? [note(doc, 'None recorded.')] : d.inputs.map((e) => evidence(doc, e))));
  out.push(section(doc, 'Outputs', d.outputs.length === 0 ? [note(doc, 'None recorded.')] : d.outputs.map((e) => evidence(doc, e))));
  if (d.deltaPins.length > 0) out.push(section(doc, 'Delta pins and scan unit', d.deltaPins.map((p) => pin(doc, p))));
  out.push(section(doc, `Upstream (${d.upstream.length})`, [taskLinks(doc, d.upstream, options)]));
  out.push(section(doc, `Downstream (${d.downstream.length})`, [taskLinks(doc, d.downstream, options)]));
  return out;
}

/** Label/value pairs as a description list. */
function pairs(doc: Document, rows: ReadonlyArray<readonly [string, string | Node]>, className = 'pl-details-facts'): HTMLElement {
  const dl = el(doc, 'dl', { className });
  for (const [label, value] of rows) dl.append(el(doc, 'dt', { text: label }), el(doc, 'dd', {}, [value]));
  return dl;
}

function note(doc: Document, text: string): HTMLElement {
  return el(doc, 'p', { className: 'pl-details-note', text });
}

function section(doc: Document, heading: string, content: readonly Node[]): HTMLElement {
  return el(doc, 'section', { className: 'pl-details-section' }, [el(doc, 'h3', { text: heading }), ...content]);
}

/** Where the cost came from, naming the schedule file by its name (the panel is narrow); its path is the tooltip. */
function cost(doc: Document, d: TaskDetails): HTMLElement {
  const file = d.costSource.kind === 'recorded' ? d.costSource.file : undefined;
  const name = file === undefined ? undefined : fileName(file);
  const origin = d.costFrom === 'recorded' ? (name === undefined ? 'recorded by the run' : `recorded in ${name}`) : `max(priority, 1), priority ${displayNumber(d.priority)}${name === undefined ? '' : `; ${name} has no cost for it`}`;
  return el(doc, 'span', { text: `${displayNumber(d.cost)} (${origin})`, ...(file === undefined ? {} : { attrs: { title: file } }) });
}

/** A cache reason usually repeats its status ("hit" / "cache hit: …"): say it once. */
function cacheText(status: string, reason: string): string {
  if (reason === '') return status;
  return reason.toLowerCase().includes(status.toLowerCase()) ? reason : `${status}: ${reason}`;
}

/**
 * The pipeline's critical path length leaves out its first task's cost (rustworkx weighs an edge by its
 * target, artifact-formats.md §3.2) while slack counts every cost: a first task can be on the path with
 * slack when another start task costs more. Said where it shows, so it does not read as a bug.
 */
function slackNote(d: TaskDetails): string | undefined {
  if (d.criticalStep !== 1 || d.slack === undefined || d.slack <= 0) return undefined;
  return `On the critical path with slack ${displayNumber(d.slack)}: the pipeline measures the path without its first task's cost (rustworkx weighs each edge by its target), so a path from a costlier start task is as long; slack counts that cost.`;
}

function facts(doc: Document, d: TaskDetails): HTMLElement {
  const rows: Array<[string, string | Node]> = [
    ['Kind', d.kind],
    ['Generation', String(d.generation)],
    ['Cost', cost(doc, d)],
  ];
  if (d.bottomLevel !== undefined) rows.push(['Bottom level', displayNumber(d.bottomLevel)]);
  if (d.slack !== undefined) rows.push(['Slack', displayNumber(d.slack)]);
  rows.push(['Critical path', d.criticalStep !== undefined ? `step ${d.criticalStep} of ${d.criticalPathTasks}` : 'not on it']);
  if (d.cache !== undefined) rows.push(['Cache', cacheText(d.cache.status, d.cache.reason)]);
  if (d.drift !== undefined) rows.push(['Drift', d.drift === 'admitted' ? 'admitted by the run' : 'planned, never admitted in this run']);
  return pairs(doc, rows);
}

function actions(doc: Document, task: number, options: DetailsPanelOptions): HTMLElement {
  const reveal = el(doc, 'button', { className: 'pl-link pl-details-reveal', text: 'Reveal in plan file', attrs: { type: 'button' } });
  reveal.addEventListener('click', () => options.onReveal(task));
  const hops = el(doc, 'select', { className: 'pl-details-hops', attrs: { 'aria-label': 'How far to focus' } });
  for (const [label, value] of hopChoices) hops.append(el(doc, 'option', { text: label, attrs: { value: String(value) } }));
  const focus = (direction: HopDirection, label: string): HTMLElement => {
    const b = el(doc, 'button', { className: `pl-details-focus-${direction}`, text: label, attrs: { type: 'button', title: `Show only the tasks ${label.toLowerCase()} of this one` } });
    b.addEventListener('click', () => options.onFocus(task, Number(hops.value === '' ? '1' : hops.value), direction));
    return b;
  };
  const collapse = el(doc, 'button', { className: 'pl-link pl-details-collapse', text: 'Collapse its generation', attrs: { type: 'button', title: 'Draw this task\'s generation as one box (click the box to expand it)' } });
  collapse.addEventListener('click', () => options.onCollapseGeneration(task));
  return el(doc, 'div', { className: 'pl-details-actions' }, [
    reveal,
    collapse,
    el(doc, 'span', { className: 'pl-details-focus', attrs: { role: 'group', 'aria-label': 'Focus' } }, [el(doc, 'span', { text: 'Focus:' }), hops, focus('up', 'Upstream'), focus('down', 'Downstream'), focus('both', 'Both')]),
  ]);
}

function fingerprint(doc: Document, d: TaskDetails): HTMLElement {
  if (d.fingerprint === undefined) return section(doc, 'Fingerprint', [note(doc, 'The plan records no fingerprint for this task.')]);
  const f = d.fingerprint;
  const verdict = f.verified === 'ok' ? 'confirmed: plan-lens verify recomputes it' : f.verified === 'mismatch' ? `does not match what verify recomputes${f.reason ? `: ${f.reason}` : ''}` : `not checked${f.reason ? `: ${f.reason}` : ''}`;
  return section(doc, 'Fingerprint', [
    el(doc, 'code', { className: 'pl-details-fingerprint', text: f.value }),
    el(doc, 'p', { className: `pl-details-verify pl-verify-${f.verified}`, text: verdict }),
  ]);
}

function evidence(doc: Document, e: TaskEvidence): HTMLElement {
  const head = el(doc, 'div', { className: 'pl-evidence-name' }, [el(doc, 'code', { text: e.name })]);
  if (e.dataset !== undefined) head.append(el(doc, 'span', { className: 'pl-evidence-dataset', text: ` scans ${e.dataset}` }));
  const parts: Node[] = [head];
  if (e.columns.length === 0) parts.push(note(doc, 'No required columns recorded.'));
  else {
    const table = el(doc, 'table', { className: 'pl-columns' }, [el(doc, 'caption', { className: 'pl-visually-hidden', text: `Columns of ${e.name}` }), el(doc, 'thead', {}, [el(doc, 'tr', {}, [el(doc, 'th', { text: 'column', attrs: { scope: 'col' } }), el(doc, 'th', { text: 'type', attrs: { scope: 'col' } })])])]);
    const rows = el(doc, 'tbody');
    for (const c of e.columns) rows.append(el(doc, 'tr', {}, [el(doc, 'td', {}, [el(doc, 'code', { text: c.name })]), el(doc, 'td', { text: c.type ?? '—' })]));
    table.append(rows);
    parts.push(table);
  }
  return el(doc, 'div', { className: 'pl-evidence' }, parts);
}

function pin(doc: Document, p: TaskDeltaPin): HTMLElement {
  const rows: Array<[string, string]> = [['Dataset', p.dataset]];
  if (p.version !== undefined) rows.push(['Pinned version', String(p.version)]);
  if (p.timestamp !== undefined) rows.push(['Pinned timestamp', p.timestamp]);
  rows.push(['State', p.state]);
  if (p.candidateFiles !== undefined) rows.push(['Candidate files', p.candidateFiles.toLocaleString('en-US')]);
  if (p.scanUnit !== undefined) rows.push(['Scan unit', p.scanUnit]);
  if (p.projectedColumns !== undefined) rows.push(['Projected columns', p.projectedColumns.length === 0 ? 'none' : p.projectedColumns.join(', ')]);
  if (p.pushedFilters !== undefined) rows.push(['Pushed filters', p.pushedFilters.length === 0 ? 'none' : p.pushedFilters.join('; ')]);
  const stale = !/^current\b/i.test(p.state);
  return pairs(doc, rows, `pl-details-pin${stale ? ' pl-pin-attention' : ''}`);
}

function taskLinks(doc: Document, names: readonly string[], options: DetailsPanelOptions): HTMLElement {
  if (names.length === 0) return note(doc, 'None.');
  const list = el(doc, 'ul', { className: 'pl-task-links' });
  for (const name of names.slice(0, MAX_LINKS)) {
    const task = options.taskOf(name);
    if (task < 0) {
      list.append(el(doc, 'li', {}, [el(doc, 'span', { text: name, attrs: { title: 'not in the drawn plan' } })]));
      continue;
    }
    const link = el(doc, 'button', { className: 'pl-link', text: name, attrs: { type: 'button', title: name } });
    link.addEventListener('click', () => options.onSelect(task));
    list.append(el(doc, 'li', {}, [link]));
  }
  if (names.length > MAX_LINKS) list.append(el(doc, 'li', { className: 'pl-details-note', text: `and ${(names.length - MAX_LINKS).toLocaleString('en-US')} more` }));
  return list;
}
