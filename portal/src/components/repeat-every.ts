/** Calls `action` every `milliseconds` until the returned function is called (for pages that refresh figures). */
export function repeatEvery(milliseconds: number, action: () => void): () => void {
  const timer = setInterval(action, milliseconds);
  return () => clearInterval(timer);
}
