/** The start-up steps, in order; a {@link BootError} names the one that failed. */
export type BootStep =
  | "runtime configuration"
  | "static configuration"
  | "database"
  | "database migration"
  | "first administrator"
  | "GraphQL schema"
  | "http listener";

/**
 * Start-up failed. `message` is meant for an operator reading stderr: for configuration errors it lists every
 * problem found, never only the first.
 */
export class BootError extends Error {
  readonly step: BootStep;

  constructor(step: BootStep, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BootError";
    this.step = step;
  }
}

/** Runs one start-up step, turning any failure into a {@link BootError} for that step. */
export async function bootStep<T>(
  step: BootStep,
  run: () => T | Promise<T>,
  describe: (error: unknown) => string = messageOf,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BootError) throw error;
    throw new BootError(step, describe(error), { cause: error });
  }
}

/** The text `main` prints to stderr when start-up fails. */
export function formatBootFailure(error: unknown): string {
  if (error instanceof BootError) return `API portal did not start (${error.step}):\n${error.message}\n`;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `API portal did not start (unexpected error):\n${detail}\n`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
