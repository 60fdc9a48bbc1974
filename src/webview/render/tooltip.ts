/** The hover tooltip: a DOM element filled with textContent only, so a task name is never markup. */

export class Tooltip {
  constructor(
    private readonly element: HTMLElement,
    /** The graph's stage: the tooltip stays over it when it fits, so it does not cover the details panel beside it. */
    private readonly area: HTMLElement,
  ) {}

  show(lines: readonly string[], clientX: number, clientY: number): void {
    const e = this.element;
    e.textContent = lines.join('\n');
    e.hidden = false;
    // Beside the pointer, flipped to the other side near the stage's right and bottom edges (the window's
    // when the tooltip is larger than the stage).
    const { width, height } = e.getBoundingClientRect();
    const a = this.area.getBoundingClientRect();
    const [left, right] = width <= a.width ? [a.left, a.right] : [0, window.innerWidth];
    const [top, bottom] = height <= a.height ? [a.top, a.bottom] : [0, window.innerHeight];
    const x = clientX + 14 + width > right ? clientX - 14 - width : clientX + 14;
    const y = clientY + 14 + height > bottom ? clientY - 14 - height : clientY + 14;
    e.style.left = `${Math.max(x, left)}px`;
    e.style.top = `${Math.max(y, top)}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
