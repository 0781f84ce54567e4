import { derived, writable, type Readable } from "svelte/store";
import { isRouterClick, matchRoute, type Route } from "./routes";

export interface CurrentLocation {
  readonly path: string;
  readonly search: URLSearchParams;
  readonly route: Route;
}

function read(): CurrentLocation {
  return {
    path: window.location.pathname,
    search: new URLSearchParams(window.location.search),
    route: matchRoute(window.location.pathname),
  };
}

const current = writable<CurrentLocation>(read());

/** The page the browser shows now. */
export const location: Readable<CurrentLocation> = { subscribe: current.subscribe };
export const route: Readable<Route> = derived(current, (value) => value.route);

const listeners = new Set<() => void>();

/** Called after every navigation (used to move focus to the new page). */
export function onNavigate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Shows another page of the portal without reloading (history API). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  current.set(read());
  if (!options.replace) {
    window.scrollTo(0, 0);
    for (const listener of listeners) listener();
  }
}

/** Starts the router: back/forward buttons and clicks on same-origin links. Returns a function that stops it. */
export function startRouter(): () => void {
  const onPopState = () => {
    current.set(read());
    for (const listener of listeners) listener();
  };
  const onClick = (event: MouseEvent) => {
    const anchor = (event.target as Element | null)?.closest?.("a");
    if (!anchor || !anchor.hasAttribute("href")) return;
    const target = { href: anchor.href, target: anchor.target, hasDownload: anchor.hasAttribute("download") };
    if (!isRouterClick(event, target, window.location.origin)) return;
    const url = new URL(anchor.href);
    if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash)
      return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  window.addEventListener("popstate", onPopState);
  document.addEventListener("click", onClick);
  return () => {
    window.removeEventListener("popstate", onPopState);
    document.removeEventListener("click", onClick);
  };
}

/** Moves keyboard focus to the first field marked invalid (after the page shows the errors). */
export function focusFirstInvalidField(): void {
  queueMicrotask(() => document.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
}
