/**
 * `GET /` and `GET /status` (CONTRACT.md §10): version, available plugins, the database mode.
 */
import type { KongStore } from "./entity-store.js";
import { availablePlugins } from "./plugin-schemas.js";

export interface NodeInfo {
  version: string;
  database: "postgres" | "off";
  nodeId: string;
  /** Hash of the loaded declarative configuration (DB-less). */
  configurationHash: () => string;
}

export function rootInfo(node: NodeInfo, store: KongStore): Record<string, unknown> {
  const available = Object.fromEntries(
    Object.entries(availablePlugins())
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, priority]) => [name, { version: node.version, priority }]),
  );
  const enabled = [...new Set(store.list("plugins").map((plugin) => String(plugin["name"])))].sort();
  return {
    tagline: "Welcome to kong",
    version: node.version,
    edition: "community",
    hostname: "kong-double",
    node_id: node.nodeId,
    timers: { running: 0, pending: 0 },
    plugins: { available_on_server: available, enabled_in_cluster: enabled },
    lua_version: "LuaJIT 2.1.0-20231117",
    configuration: {
      database: node.database,
      role: "traditional",
      router_flavor: "traditional_compatible",
      plugins: ["bundled"],
      admin_listen: ["127.0.0.1:8001"],
    },
    pids: { master: 1, workers: [2] },
  };
}

export function statusInfo(node: NodeInfo): Record<string, unknown> {
  const status: Record<string, unknown> = {
    memory: {
      workers_lua_vms: [{ http_allocated_gc: "0.02 MiB", pid: 2 }],
      lua_shared_dicts: {
        kong: { allocated_slabs: "0.04 MiB", capacity: "5.00 MiB" },
        kong_db_cache: { allocated_slabs: "0.80 MiB", capacity: "128.00 MiB" },
      },
    },
    server: {
      connections_accepted: 1,
      connections_active: 1,
      connections_handled: 1,
      connections_reading: 0,
      connections_waiting: 0,
      connections_writing: 1,
      total_requests: 1,
    },
  };
  if (node.database === "off") status["configuration_hash"] = node.configurationHash();
  else status["database"] = { reachable: true };
  return status;
}
