/**
 * Exponential backoff with jitter: the n-th consecutive failure waits between half and all of
 * `base * 2^(n-1)`, capped at `max`, so replicas and listeners that failed together do not retry together.
 */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
