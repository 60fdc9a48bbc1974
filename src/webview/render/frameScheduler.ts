/** Coalesces redraw requests: any number of them before the next animation frame cost one draw. */

export class FrameScheduler {
  private pending = false;

  constructor(private readonly draw: () => void) {}

  request(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }
}
