import { writable, type Readable } from "svelte/store";
import { loadViewer, type Viewer } from "./session";

export interface SessionState {
  /** False until the server first answered. */
  readonly known: boolean;
  readonly viewer: Viewer | null;
}

const state = writable<SessionState>({ known: false, viewer: null });

/** Who is signed in. */
export const session: Readable<SessionState> = { subscribe: state.subscribe };

/** Asks the server who is signed in (after start, sign in and sign out). */
export async function refreshSession(): Promise<void> {
  const result = await loadViewer();
  state.set({ known: true, viewer: result.ok ? result.data : null });
}
