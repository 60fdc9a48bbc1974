/** The hover tooltip: a DOM element filled with textContent only, so a task name is never markup. */

export class Tooltip {
  constructor(private readonly element: HTMLElement) {}

  show(lines: readonly string[], clientX: number, clientY: number): void {
    const e = this.element;
    e.textContent = lines.join('\n');
    e.hidden = false;
    // Beside the pointer, flipped to the other side near the window's right and bottom edges.
    const { width, height } = e.getBoundingClientRect();
    const x = clientX + 14 + width > window.innerWidth ? clientX - 14 - width : clientX + 14;
    const y = clientY + 14 + height > window.innerHeight ? clientY - 14 - height : clientY + 14;
    e.style.left = `${Math.max(x, 0)}px`;
    e.style.top = `${Math.max(y, 0)}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
