import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readProcessEnvironment } from "../environment.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

export const adminCredentials = { email: "admin@bridge.test", password: "Admin-password-1234" } as const;
export const bridgeToken = "bridge-test-token-0123456789abcdefghijklmnop";
export const listenerToken = "listener-test-token-0123456789abcdefghijklm";

/** A child process with its output collected (for failure messages). */
export interface RunningProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
}

/** Starts `node --import tsx/esm <entry>` from the repository root with the test process's environment plus `env`. */
export function startProcess(entry: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, ["--import", "tsx/esm", entry], {
    cwd: root,
    env: { ...readProcessEnvironment(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { child, output: () => output, exited };
}

/** Polls `check` until it returns a value; fails early with the process's output when the process exits. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined,
  timeoutMs: number,
  proc: RunningProcess,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (proc.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${what} did not happen; output:\n${proc.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The portal as its own process (`node --import tsx/esm server/src/main.ts`) on SQLite, restartable on its port. */
export class PortalProcess {
  private proc: RunningProcess | undefined;
  url = "";

  /** The running process's id (for CPU and memory readings); undefined while stopped. */
  get pid(): number | undefined {
    return this.proc?.child.pid;
  }

  private constructor(
    private readonly dataDir: string,
    private readonly encryptionKey: string,
    private readonly env: Record<string, string>,
  ) {}

  /**
   * Starts a portal on SQLite in a temp directory; `env` adds or overrides variables (e.g. `DATABASE_URL` and a
   * shared `PORTAL_ENCRYPTION_KEYS` for several replicas on one PostgreSQL).
   */
  static async start(env: Record<string, string> = {}): Promise<PortalProcess> {
    const dataDir = await mkdtemp(path.join(tmpdir(), "bridge-test-portal-"));
    const portal = new PortalProcess(dataDir, `test:${randomBytes(32).toString("base64")}`, env);
    await portal.launch(0);
    return portal;
  }

  /** Starts the process again on the same port and database. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch(Number(new URL(this.url).port));
  }

  async stop(): Promise<void> {
    if (!this.proc) return;
    this.proc.child.kill("SIGTERM");
    await this.proc.exited;
    this.proc = undefined;
  }

  /** `kill -9`: no graceful close, in-flight requests are cut. */
  async kill(): Promise<void> {
    if (!this.proc) return;
    this.proc.child.kill("SIGKILL");
    await this.proc.exited;
    this.proc = undefined;
  }

  async remove(): Promise<void> {
    await this.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private async launch(port: number): Promise<void> {
    const proc = startProcess("server/src/main.ts", {
      HOST: "127.0.0.1",
      PORT: String(port),
      PORTAL_DATA_DIR: this.dataDir,
      PORTAL_CONFIG_DIR: path.join(root, "deploy/config"),
      PORTAL_ADMIN_EMAIL: adminCredentials.email,
      PORTAL_ADMIN_PASSWORD: adminCredentials.password,
      PORTAL_ENCRYPTION_KEYS: this.encryptionKey,
      PORTAL_SERVICE_ACCOUNTS: `bridge:read-write:${bridgeToken},listener:read-write:${listenerToken}`,
      PORTAL_SHUTDOWN_TIMEOUT_MS: "2000",
      LOG_LEVEL: "warn",
      ...this.env,
    });
    this.proc = proc;
    this.url = await waitFor(
      "the portal's start",
      () => /API portal listening on (http:\/\/\S+)/.exec(proc.output())?.[1],
      60_000,
      proc,
    );
  }
}

/** The bridge as its own process (`node --import tsx/esm bridge/src/main.ts`). */
export class BridgeProcess {
  private constructor(readonly proc: RunningProcess) {}

  static async start(portalUrl: string, env: Record<string, string> = {}): Promise<BridgeProcess> {
    const proc = startProcess("bridge/src/main.ts", {
      BRIDGE_PORTAL_URL: portalUrl,
      BRIDGE_TOKEN: bridgeToken,
      BRIDGE_LEASE_TTL_SECONDS: "2",
      BRIDGE_BACKOFF_BASE_MS: "100",
      BRIDGE_BACKOFF_MAX_MS: "400",
      BRIDGE_POLL_INTERVAL_MS: "200",
      BRIDGE_LISTENER_REFRESH_MS: "300",
      BRIDGE_DELIVERY_TIMEOUT_MS: "3000",
      // The delivery tests count their own listeners only; hosting is tested on its own.
      BRIDGE_LISTENERS: "none",
      LOG_LEVEL: "info",
      ...env,
    });
    await waitFor(
      "the bridge's start",
      () => (proc.output().includes("bridge starting") ? true : undefined),
      30_000,
      proc,
    );
    return new BridgeProcess(proc);
  }

  /** `kill -9`: no clean-up at all, the lease stays until it expires. */
  async kill(): Promise<void> {
    this.proc.child.kill("SIGKILL");
    await this.proc.exited;
  }

  async stop(): Promise<void> {
    if (this.proc.child.exitCode !== null || this.proc.child.signalCode !== null) return;
    this.proc.child.kill("SIGTERM");
    await this.proc.exited;
  }

  output(): string {
    return this.proc.output();
  }
}
