/**
 * A one-slot alarm: `wait(ms)` resolves when `wake()` is called or the time is up. A wake that arrives while
 * nobody waits is kept for the next `wait`, so no notification is lost between two waits.
 */
export class WakeSignal {
  private pending = false;
  private resolve: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  wake(): void {
    if (this.resolve) this.finish();
    else this.pending = true;
  }

  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.timer = setTimeout(() => this.finish(), ms);
    });
  }

  private finish(): void {
    clearTimeout(this.timer);
    const resolve = this.resolve;
    this.resolve = undefined;
    this.timer = undefined;
    resolve?.();
  }
}
