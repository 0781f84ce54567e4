import { formatPath } from "./config-path.js";
import type { LoadedApi } from "./apis.section.js";
import { reportAt } from "./located.js";

interface Claim {
  readonly api: string;
  readonly where: string;
  readonly methods: ReadonlySet<string> | "all";
}

/**
 * Two APIs must not claim the same path on the same host for the same method: the gateway could route the
 * request to either. (Different prefixes are fine; the gateway picks the longest match.)
 */
export function checkRouteConflicts(apis: readonly LoadedApi[]): void {
  const claims = new Map<string, Claim[]>();
  for (const api of apis) {
    const id = api.value.id ?? api.folder;
    (api.value.routes ?? []).forEach((route, routeIndex) => {
      const methods = route.methods.length === 0 ? "all" : new Set<string>(route.methods);
      const hosts = route.hosts.length === 0 ? ["*"] : route.hosts;
      route.paths.forEach((routePath, pathIndex) => {
        const where = ["routes", routeIndex, "paths", pathIndex];
        for (const host of hosts) {
          const key = `${host.toLowerCase()} ${normalize(routePath)}`;
          const earlier = claims.get(key) ?? [];
          const clash = earlier.find((claim) => claim.api !== id && overlaps(claim.methods, methods));
          if (clash) {
            const on = host === "*" ? "" : ` on host ${host}`;
            reportAt(
              api,
              where,
              `path ${routePath}${on} is also routed to API ${clash.api} (${clash.where})`,
            );
          }
          claims.set(key, [...earlier, { api: id, where: formatPath(where), methods }]);
        }
      });
    });
  }
}

function normalize(routePath: string): string {
  return routePath.length > 1 ? routePath.replace(/\/+$/, "") : routePath;
}

function overlaps(a: ReadonlySet<string> | "all", b: ReadonlySet<string> | "all"): boolean {
  if (a === "all" || b === "all") return true;
  return [...a].some((method) => b.has(method));
}
