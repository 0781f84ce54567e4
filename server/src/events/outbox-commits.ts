/**
 * "Events were committed to the outbox": a wake-up without content, so readers of the log (the live feed) look
 * now instead of at their next poll. It carries no events on purpose: readers always read the committed log, so a
 * lost or spurious signal only costs latency, never correctness.
 */
export interface OutboxCommits {
  /** Calls `listener` after each signal until the returned function is called. */
  readonly subscribe: (listener: () => void) => () => void;
}

export interface OutboxCommitSignal extends OutboxCommits {
  readonly notify: () => void;
}

export function createOutboxCommitSignal(): OutboxCommitSignal {
  const listeners = new Set<() => void>();
  return {
    notify() {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      const entry = () => listener();
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
  };
}
