/**
 * Whether Kong's object already has what the adapter wants: every field the adapter sets must be there with the
 * same value; fields Kong adds (defaults, timestamps, ids) are ignored. Lists of plain values are sets in Kong
 * (tags, methods, protocols), so their order does not matter; `null` and a missing field are the same.
 */
export function contains(wanted: unknown, actual: unknown): boolean {
  if (wanted === null || wanted === undefined) return actual === null || actual === undefined;
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || actual.length !== wanted.length) return false;
    if (wanted.every(isPlain) && actual.every(isPlain)) {
      const sorted = (list: unknown[]) => list.map((v) => JSON.stringify(v)).sort();
      const [a, b] = [sorted(wanted), sorted(actual)];
      return a.every((value, index) => value === b[index]);
    }
    return wanted.every((item, index) => contains(item, actual[index]));
  }
  if (typeof wanted === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(wanted as Record<string, unknown>).every(([key, value]) =>
      contains(value, record[key]),
    );
  }
  return wanted === actual;
}

function isPlain(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

/** The top-level fields whose values differ (for plan output and logs). */
export function changedFields(
  wanted: Readonly<Record<string, unknown>>,
  actual: Readonly<Record<string, unknown>>,
): string[] {
  return Object.keys(wanted).filter((key) => !contains(wanted[key], actual[key]));
}
