/**
 * The readable view's page script: shows the host's Markdown as DOM (markdownDom.ts), and turns a `#task:` link into
 * "reveal this task" (the host selects it in the plan graph); other links do nothing, so nothing in a
 * plan's names can navigate the page.
 */

import { taskOfLink, type ReadableViewRequest, type ReadableViewUpdate } from '../../protocol/compare';
import { markdownToDom } from './markdownDom';

interface VsCodeApi {
  postMessage(message: ReadableViewRequest): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const host = acquireVsCodeApi();
const content = document.getElementById('content') as HTMLElement;

window.addEventListener('message', (event: MessageEvent<ReadableViewUpdate>) => {
  if (event.data.type !== 'document') return;
  markdownToDom(event.data.markdown, content);
  for (const a of content.querySelectorAll('a')) {
    const task = taskOfLink(a.getAttribute('href') ?? '');
    if (task !== undefined) {
      a.classList.add('task-link');
      a.title = `Show ${task} in the plan graph`;
    }
  }
  document.body.dataset.loaded = 'true';
});

content.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a') : null;
  if (a === null) return;
  e.preventDefault();
  const task = taskOfLink(a.getAttribute('href') ?? '');
  if (task !== undefined) host.postMessage({ type: 'reveal', task });
});

host.postMessage({ type: 'ready' });
