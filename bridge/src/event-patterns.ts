/** Whether an event name matches a listener's filter: `[]` or `*` for all, `entity.*`, or exact names. */
export function matchesPatterns(patterns: readonly string[], name: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some(
    (pattern) =>
      pattern === "*" ||
      pattern === name ||
      (pattern.endsWith(".*") && name.startsWith(pattern.slice(0, -1))),
  );
}
