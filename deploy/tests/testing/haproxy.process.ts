import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readProcessEnvironment } from "../../../server/src/runtime-config/environment.js";

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
/** The one HAProxy configuration, shared with docker-compose. */
export const haproxyConfigFile = path.join(repositoryRoot, "deploy/haproxy/haproxy.cfg");

const candidates = ["/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy"];

/** Debian's HAProxy binary, or undefined when it is not installed. */
export function findHaproxy(): string | undefined {
  return candidates.find((file) => existsSync(file));
}

/** Whether the process runs in CI (`CI` set), where missing tools must fail the run instead of skipping. */
export function inContinuousIntegration(): boolean {
  const value = readProcessEnvironment().CI;
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

/** A free TCP port on 127.0.0.1 (bound and released; HAProxy needs the number in its configuration). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface HaproxyPorts {
  readonly http: number;
  readonly https: number;
  readonly stats: number;
}

/** One server line of HAProxy's CSV statistics. */
export interface HaproxyServerState {
  readonly backend: string;
  readonly server: string;
  /** `UP`, `DOWN`, `MAINT`, `no check`, possibly with a transition suffix (`UP 1/2`). */
  readonly status: string;
}

/** The real HAProxy running `deploy/haproxy/haproxy.cfg` in the foreground with the given variables. */
export class HaproxyProcess {
  private output = "";
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly ports: HaproxyPorts,
  ) {
    child.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString("utf8")));
    this.exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  }

  static async start(binary: string, env: Record<string, string>): Promise<HaproxyProcess> {
    const ports: HaproxyPorts = { http: await freePort(), https: await freePort(), stats: await freePort() };
    const child = spawn(binary, ["-db", "-f", haproxyConfigFile], {
      env: {
        PATH: readProcessEnvironment().PATH ?? "/usr/bin:/bin",
        HAPROXY_BIND_ADDR: "127.0.0.1",
        HAPROXY_HTTP_PORT: String(ports.http),
        HAPROXY_HTTPS_PORT: String(ports.https),
        HAPROXY_STATS_BIND: `127.0.0.1:${ports.stats}`,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const haproxy = new HaproxyProcess(child, ports);
    await haproxy.waitUntil("HAProxy answers its stats page", async () => {
      const response = await fetch(`http://127.0.0.1:${ports.stats}/stats;csv`).catch(() => undefined);
      return response?.status === 200;
    });
    return haproxy;
  }

  /** Server states from the stats page (`/stats;csv`). */
  async servers(): Promise<HaproxyServerState[]> {
    const csv = await (await fetch(`http://127.0.0.1:${this.ports.stats}/stats;csv`)).text();
    const [header = "", ...rows] = csv.trim().split("\n");
    const columns = header.replace(/^# /, "").split(",");
    const at = (name: string) => columns.indexOf(name);
    return rows
      .map((row) => row.split(","))
      .filter((cells) => !["FRONTEND", "BACKEND"].includes(cells[at("svname")] ?? ""))
      .map((cells) => ({
        backend: cells[at("pxname")] ?? "",
        server: cells[at("svname")] ?? "",
        status: cells[at("status")] ?? "",
      }));
  }

  async serverStatus(backend: string, server: string): Promise<string | undefined> {
    return (await this.servers()).find((s) => s.backend === backend && s.server === server)?.status;
  }

  /** Polls `check` every 50 ms; fails with HAProxy's output when it exits or the time is up. */
  async waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`${what} did not happen; HAProxy output:\n${this.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    await this.exited;
  }
}
