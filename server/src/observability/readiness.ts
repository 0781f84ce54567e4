export interface DatabaseCheck {
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly error?: string;
}

export interface ConfigCheck {
  readonly ok: boolean;
  /** Hash of the loaded static configuration; `null` while none is loaded. */
  readonly hash: string | null;
}

/** Body of `GET /readyz`. */
export interface ReadinessReport {
  readonly status: "ok" | "unavailable";
  readonly checks: { readonly database: DatabaseCheck; readonly config: ConfigCheck };
}

export interface ReadinessSources {
  /** Resolves when the database answers. */
  readonly ping: () => Promise<void>;
  /** Hash of the static configuration currently in use, `undefined` if none is loaded. */
  readonly configHash: () => string | undefined;
  /** A ping slower than this counts as failed. Default 2000 ms. */
  readonly pingTimeoutMs?: number;
}

/**
 * Builds the readiness function used by `GET /readyz`. Concurrent probes share one database ping, so a burst of
 * probes (or a benchmark) costs the database one round trip at a time.
 */
export function createReadinessCheck(sources: ReadinessSources): () => Promise<ReadinessReport> {
  const timeoutMs = sources.pingTimeoutMs ?? 2000;
  let inFlight: Promise<DatabaseCheck> | undefined;

  const checkDatabase = async (): Promise<DatabaseCheck> => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sources.ping(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      return { ok: true, latencyMs: elapsedSince(started) };
    } catch (error) {
      return { ok: false, latencyMs: elapsedSince(started), error: describe(error) };
    } finally {
      clearTimeout(timer);
    }
  };

  return async () => {
    inFlight ??= checkDatabase().finally(() => {
      inFlight = undefined;
    });
    const database = await inFlight;
    const hash = sources.configHash();
    const config: ConfigCheck = { ok: hash !== undefined, hash: hash ?? null };
    return { status: database.ok && config.ok ? "ok" : "unavailable", checks: { database, config } };
  };
}

function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}
