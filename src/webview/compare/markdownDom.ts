/**
 * Markdown as DOM nodes, without ever parsing markup: markdown-it parses the text into tokens (raw HTML
 * off, so a tag in a task name is text), and each token becomes an element made with createElement or a
 * text node. Covers what the summaries and comparisons are written in: headings, paragraphs, lists,
 * tables, code spans and blocks, emphasis and links; anything else is kept as its text.
 */

import MarkdownIt from 'markdown-it';

type Token = ReturnType<MarkdownIt['parse']>[number];

const parser = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** Block and inline tokens that open an element, by token type (the `_open` suffix dropped). */
const CONTAINERS = new Set(['paragraph', 'heading', 'bullet_list', 'ordered_list', 'list_item', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote', 'strong', 'em', 's', 'link']);

export function markdownToDom(markdown: string, into: HTMLElement): void {
  into.replaceChildren();
  append(parser.parse(markdown, {}), into);
}

function append(tokens: readonly Token[], root: HTMLElement): void {
  const stack: HTMLElement[] = [root];
  const top = (): HTMLElement => stack[stack.length - 1];
  for (const t of tokens) {
    const base = t.type.replace(/_(open|close)$/, '');
    if (t.nesting === 1 && CONTAINERS.has(base)) {
      const element = document.createElement(t.tag);
      if (base === 'link') element.setAttribute('href', t.attrGet('href') ?? '');
      const align = t.attrGet('style');
      if ((base === 'th' || base === 'td') && align !== null) element.className = align.replace(/^text-align:/, 'align-');
      top().append(element);
      stack.push(element);
    } else if (t.nesting === -1 && CONTAINERS.has(base)) {
      if (stack.length > 1) stack.pop();
    } else if (t.type === 'inline') append(t.children ?? [], top());
    else if (t.type === 'text') top().append(document.createTextNode(t.content));
    else if (t.type === 'code_inline') {
      const code = document.createElement('code');
      code.textContent = t.content;
      top().append(code);
    } else if (t.type === 'fence' || t.type === 'code_block') {
      const pre = document.createElement('pre');
      const code = document.createElement('code');
      code.textContent = t.content;
      pre.append(code);
      top().append(pre);
    } else if (t.type === 'softbreak') top().append(document.createTextNode(' '));
    else if (t.type === 'hardbreak') top().append(document.createElement('br'));
    else if (t.type === 'hr') top().append(document.createElement('hr'));
    else if (t.content !== '') top().append(document.createTextNode(t.content));
  }
}
