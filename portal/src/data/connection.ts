import { writable, type Readable } from "svelte/store";

/** Whether the portal reaches its server: "offline" (the browser says so) or "reconnecting" (a request failed). */
export type ConnectionState = "online" | "offline" | "reconnecting";

const state = writable<ConnectionState>(navigator.onLine ? "online" : "offline");
const reconnectListeners = new Set<() => void>();
let current: ConnectionState = navigator.onLine ? "online" : "offline";

export const connection: Readable<ConnectionState> = { subscribe: state.subscribe };

function set(next: ConnectionState): void {
  const recovered = current !== "online" && next === "online";
  current = next;
  state.set(next);
  if (recovered) for (const listener of reconnectListeners) listener();
}

/** A request reached the server. */
export function markReachable(): void {
  if (current !== "online") set("online");
}

/** A request could not reach the server. */
export function markUnreachable(): void {
  if (current === "online") set(navigator.onLine ? "reconnecting" : "offline");
}

/** Called when the server is reachable again after a loss (pages reload what they show, live data may be stale). */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

window.addEventListener("offline", () => set("offline"));
window.addEventListener("online", () => set("online"));

/** `fetch` that reports whether the server was reachable. */
export const trackedFetch: typeof fetch = async (input, init) => {
  try {
    const response = await fetch(input, init);
    markReachable();
    return response;
  } catch (error) {
    markUnreachable();
    throw error;
  }
};
