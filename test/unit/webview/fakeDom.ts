/**
 * Just enough of the DOM for the panels' unit tests (node_modules has neither jsdom nor happy-dom):
 * elements with attributes, classes, text and children, and events that bubble and can be stopped. The
 * markup sinks throw, so a panel that reached for innerHTML would fail its tests as it fails the lint.
 * Real rendering (layout, focus rings, styles) is the browser tests' business.
 */

export class FakeEvent {
  target: FakeElement | undefined;
  currentTarget: FakeElement | undefined;
  defaultPrevented = false;
  propagationStopped = false;
  readonly key: string;
  readonly shiftKey: boolean;
  constructor(
    readonly type: string,
    init: { key?: string; shiftKey?: boolean; bubbles?: boolean } = {},
    readonly bubbles = init.bubbles ?? true,
  ) {
    this.key = init.key ?? '';
    this.shiftKey = init.shiftKey ?? false;
  }
  stopPropagation(): void {
    this.propagationStopped = true;
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type Listener = (e: FakeEvent) => void;

export class FakeText {
  parentNode: FakeElement | undefined;
  constructor(public data: string) {}
  get textContent(): string {
    return this.data;
  }
}

export class FakeElement {
  readonly tagName: string;
  readonly childNodes: Array<FakeElement | FakeText> = [];
  parentNode: FakeElement | undefined;
  readonly attributes = new Map<string, string>();
  private readonly listeners = new Map<string, Listener[]>();
  hidden = false;
  disabled = false;
  private explicitValue: string | undefined;

  constructor(
    readonly ownerDocument: FakeDocument,
    tag: string,
  ) {
    this.tagName = tag.toUpperCase();
  }

  get children(): FakeElement[] {
    return this.childNodes.filter((c): c is FakeElement => c instanceof FakeElement);
  }
  get className(): string {
    return this.attributes.get('class') ?? '';
  }
  set className(v: string) {
    this.attributes.set('class', v);
  }
  get classList() {
    const names = (): string[] => this.className.split(/\s+/).filter((c) => c !== '');
    return {
      contains: (c: string) => names().includes(c),
      add: (...cs: string[]) => (this.className = [...new Set([...names(), ...cs])].join(' ')),
      remove: (...cs: string[]) => (this.className = names().filter((c) => !cs.includes(c)).join(' ')),
      toggle: (c: string, force?: boolean) => {
        const on = force ?? !names().includes(c);
        this.className = (on ? [...new Set([...names(), c])] : names().filter((x) => x !== c)).join(' ');
        return on;
      },
    };
  }
  get title(): string {
    return this.attributes.get('title') ?? '';
  }
  set title(v: string) {
    this.attributes.set('title', v);
  }
  get value(): string {
    if (this.explicitValue !== undefined) return this.explicitValue;
    if (this.tagName === 'SELECT') return this.children[0]?.getAttribute('value') ?? '';
    return '';
  }
  set value(v: string) {
    this.explicitValue = v;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(v: string) {
    this.replaceChildren(v);
  }
  set innerHTML(_: string) {
    throw new Error('innerHTML used: plan data must never be parsed as markup');
  }
  set outerHTML(_: string) {
    throw new Error('outerHTML used');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML used');
  }
  append(...nodes: Array<FakeElement | FakeText | string>): void {
    for (const n of nodes) {
      const node = typeof n === 'string' ? new FakeText(n) : n;
      if (node.parentNode !== undefined) node.parentNode.childNodes.splice(node.parentNode.childNodes.indexOf(node), 1);
      node.parentNode = this;
      this.childNodes.push(node);
    }
  }
  replaceChildren(...nodes: Array<FakeElement | FakeText | string>): void {
    for (const c of this.childNodes) c.parentNode = undefined;
    this.childNodes.length = 0;
    this.append(...nodes.filter((n) => n !== ''));
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatchEvent(e: FakeEvent): boolean {
    e.target = this;
    const path: FakeElement[] = [];
    for (let node = this.parentNode; node !== undefined && e.bubbles; node = node.parentNode) path.push(node);
    for (const node of [this as FakeElement, ...path]) {
      e.currentTarget = node;
      for (const l of node.listeners.get(e.type) ?? []) l(e);
      if (e.propagationStopped) break;
    }
    return !e.defaultPrevented;
  }
  click(): void {
    if (!this.disabled) this.dispatchEvent(new FakeEvent('click'));
  }
  focus(): void {
    this.ownerDocument.activeElement = this;
  }
  select(): void {}

  /** Every element below this one (itself included), in document order. */
  *walk(): Generator<FakeElement> {
    yield this;
    for (const c of this.children) yield* c.walk();
  }
  /** Elements carrying a class, in document order. */
  byClass(name: string): FakeElement[] {
    return [...this.walk()].filter((e) => e.classList.contains(name));
  }
  byTag(tag: string): FakeElement[] {
    return [...this.walk()].filter((e) => e.tagName === tag.toUpperCase());
  }
}

export class FakeDocument {
  activeElement: FakeElement | undefined;
  /** The page around the panels: keys that escape a panel land here, as they would reach the graph. */
  readonly body = new FakeElement(this, 'body');
  createElement(tag: string): FakeElement {
    return new FakeElement(this, tag);
  }
  createTextNode(data: string): FakeText {
    return new FakeText(data);
  }
  /** The fake where the panels' code wants a Document. */
  get asDocument(): Document {
    return this as unknown as Document;
  }
}

/** A panel element (typed HTMLElement by the module) as the fake it is. */
export function fake(e: HTMLElement): FakeElement {
  return e as unknown as FakeElement;
}
