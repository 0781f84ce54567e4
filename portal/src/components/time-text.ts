/** A duration in words, rounded down to its largest unit: "45 seconds", "1 minute", "3 hours", "2 days". */
export function durationText(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const units: [number, string][] = [
    [86_400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ];
  for (const [size, unit] of units) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

/** A point in time in the browser's locale and zone ("—" for none). */
export function dateTimeText(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}
