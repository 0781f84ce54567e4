import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProcess, waitFor, type RunningProcess } from "../../bridge/src/testing/processes.js";
import { createTestPostgresDatabase, postgresAvailability } from "../../server/src/testing/postgres.js";
import { ensurePortalBuild } from "../../server/src/web-portal/portal-build.js";
import { deployDir, loadComposeDocument, readEnvFile, type ComposeService } from "./testing/compose-file.js";
import { composeSchemaProblems } from "./testing/compose-schema.js";
import {
  findHaproxy,
  freePort,
  haproxyConfigFile,
  inContinuousIntegration,
} from "./testing/haproxy.process.js";

const run = promisify(execFile);
const repositoryRoot = path.resolve(deployDir, "..");
const exampleEnv = readEnvFile(path.join(deployDir, ".env.example"));
const compose = loadComposeDocument(exampleEnv);
const services = compose.services;
const nodeServices = Object.entries(services).filter(([, service]) => service.command?.[0] === "node");

describe("deploy/docker-compose.yml", () => {
  it("is valid against the Compose Specification's JSON Schema (after interpolation with deploy/.env.example)", () => {
    expect(composeSchemaProblems(compose)).toEqual([]);
    // The validator does reject what the specification does not allow.
    const broken = { ...compose, services: { ...services, server: { ...services.server, replica: 2 } } };
    expect(composeSchemaProblems(broken)).toEqual([expect.stringContaining("/services/server")]);
  });

  it("requires the host names instead of starting with empty ones", () => {
    expect(() => loadComposeDocument({ ...exampleEnv, PORTAL_HOST: "" })).toThrow(/PORTAL_HOST/);
  });

  it("has the reference architecture's services, with health checks, read-only config and several server replicas", () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        "bridge",
        "chatbot",
        "haproxy",
        "kong",
        "kong-adapter",
        "kong-database",
        "kong-migrations",
        "mailer",
        "portal-database",
        "server",
        "web-portal",
      ].sort(),
    );
    expect(services.server?.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.server?.volumes).toContain("./config:/srv/config:ro");
    expect(services.haproxy?.volumes).toContain(
      "./haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro",
    );
    expect(services["kong-adapter"]?.expose).toEqual(["3002"]);
    expect(services.mailer?.expose).toEqual(["3003"]);
    expect(services.chatbot?.expose).toEqual(["3004"]);
    for (const [name, service] of Object.entries(services)) {
      if (name === "kong-migrations") continue; // a one-off step
      if (name === "bridge") expect(service.healthcheck?.disable).toBe(true);
      else expect(service.healthcheck?.test?.length, `${name} has a health check`).toBeGreaterThan(0);
    }
    for (const [name, service] of nodeServices) {
      expect(service.build?.dockerfile, name).toBe("deploy/docker/node.Dockerfile");
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(["ALL"]);
    }
  });

  it("keeps secrets in files that deploy/generate-secrets.sh writes, never in the environment", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "deploy-secrets-"));
    try {
      await run("sh", [
        path.join(deployDir, "generate-secrets.sh"),
        path.join(dir, "secrets"),
        path.join(dir, "certs"),
      ]);
      const written = (await readdir(path.join(dir, "secrets"))).sort();
      expect(written).toEqual(Object.keys(compose.secrets).sort());
      expect(Object.values(compose.secrets).map((secret) => secret.file)).toEqual(
        Object.keys(compose.secrets).map((name) => `./secrets/${name}`),
      );
      expect(await readdir(path.join(dir, "certs"))).toEqual(["self-signed.pem"]);
      for (const [name, service] of Object.entries(services)) {
        for (const [variable, value] of Object.entries(service.environment ?? {})) {
          expect(
            /PASSWORD$|TOKEN$|^DATABASE_URL$|SERVICE_ACCOUNTS$|ENCRYPTION_KEYS$/.test(variable),
            `${name}: ${variable}=${value}`,
          ).toBe(false);
        }
        for (const secret of service.secrets ?? [])
          expect(compose.secrets[secret], `${name}: ${secret}`).toBeDefined();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("deploy/docker/node.Dockerfile", () => {
  const dockerfile = readFileSync(path.join(deployDir, "docker/node.Dockerfile"), "utf8");
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

  it("is multi-stage and its final stage runs as an unprivileged user with a health check", () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toMatch(/^HEALTHCHECK .*\n?.*healthcheck\.mjs/m);
    expect(existsSync(path.join(repositoryRoot, ".dockerignore"))).toBe(true);
  });

  it("copies exactly tsx's dependencies from the lockfile beside the production dependencies", () => {
    const lock = JSON.parse(readFileSync(path.join(repositoryRoot, "package-lock.json"), "utf8")) as {
      packages: Record<
        string,
        { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }
      >;
    };
    const closure = new Set<string>();
    const visit = (name: string) => {
      const entry = lock.packages[`node_modules/${name}`];
      if (!entry || closure.has(name)) return;
      closure.add(name);
      for (const dependency of Object.keys(entry.dependencies ?? {})) visit(dependency);
    };
    visit("tsx");
    // esbuild's per-platform binaries are optional dependencies under @esbuild/: the whole scope is copied.
    const expected = [...closure, "@esbuild"].sort();
    const copied = [...finalStage.matchAll(/^COPY --from=deps \/app\/node_modules\/(\S+) /gm)]
      .map((m) => m[1])
      .sort();
    expect(copied).toEqual(expected);
  });
});

const haproxy = findHaproxy();
describe.skipIf(haproxy === undefined && !inContinuousIntegration())("the haproxy service", () => {
  it("accepts deploy/haproxy/haproxy.cfg with the compose environment (haproxy -c)", async () => {
    if (haproxy === undefined) throw new Error("CI is set but haproxy is not installed");
    const dir = await mkdtemp(path.join(tmpdir(), "deploy-haproxy-"));
    try {
      await run("sh", [
        path.join(deployDir, "generate-secrets.sh"),
        path.join(dir, "secrets"),
        path.join(dir, "certs"),
      ]);
      const env = { ...services.haproxy?.environment, HAPROXY_CERTS: path.join(dir, "certs") };
      const { stdout, stderr } = await run(haproxy, ["-c", "-f", haproxyConfigFile], { env });
      expect(stdout + stderr).toMatch(/Configuration file is valid/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Every Node service's command, started on this machine with its compose environment adapted to localhost: service
 * host names become 127.0.0.1 with a free port each, `/run/secrets/*` the files generate-secrets.sh wrote, mounted
 * paths their sources, the portal database a fresh test database.
 */
describe("every Node service's command starts when run directly", () => {
  const workDir = path.join(tmpdir(), `deploy-compose-${process.pid}`);
  const ports = new Map<string, number>();
  const started: RunningProcess[] = [];
  let dropDatabase: (() => Promise<void>) | undefined;

  const localPort = (service: string, port: string) => ports.get(`${service}:${port}`) ?? Number(port);
  const localEnvironment = (name: string, service: ComposeService): Record<string, string> => {
    const exposed = new Set(service.expose ?? []);
    const env: Record<string, string> = {};
    for (const [variable, raw] of Object.entries(service.environment ?? {})) {
      const url = /^(\w+):\/\/([a-z-]+):(\d+)(.*)$/.exec(raw);
      let value = raw.startsWith("/run/secrets/")
        ? `${workDir}/secrets/${raw.slice("/run/secrets/".length)}`
        : raw === "/srv/config"
          ? path.join(deployDir, "config")
          : raw.startsWith("/tmp/")
            ? `${workDir}/${raw.slice(1)}`
            : raw === "0.0.0.0"
              ? "127.0.0.1"
              : url && services[url[2]!]
                ? `${url[1]}://127.0.0.1:${localPort(url[2]!, url[3]!)}${url[4]}`
                : raw;
      if (exposed.has(value)) value = String(localPort(name, value));
      env[variable] = value;
    }
    return env;
  };
  const localHealthUrl = (name: string, service: ComposeService) => {
    const url = new URL(service.healthcheck?.test?.at(-1) ?? "");
    return `http://127.0.0.1:${localPort(name, url.port)}${url.pathname}`;
  };
  const entryOf = (service: ComposeService) => {
    expect(service.command?.slice(0, 3)).toEqual(["node", "--import", "tsx/esm"]);
    return service.command![3]!;
  };
  const healthy = async (url: string) => {
    const check = await run(process.execPath, [path.join(deployDir, "docker/healthcheck.mjs"), url]).then(
      () => true,
      () => false,
    );
    return check ? true : undefined;
  };

  beforeAll(async () => {
    ensurePortalBuild(); // the web-portal service is ready only with a built portal
    for (const [name, service] of nodeServices)
      for (const port of service.expose ?? []) ports.set(`${name}:${port}`, await freePort());
    await run("sh", [
      path.join(deployDir, "generate-secrets.sh"),
      path.join(workDir, "secrets"),
      path.join(workDir, "certs"),
    ]);
    const postgres = await postgresAvailability();
    let databaseUrl = `sqlite:${workDir}/portal.sqlite`;
    if (postgres.available) {
      const database = await createTestPostgresDatabase();
      databaseUrl = database.url;
      dropDatabase = database.drop;
    }
    await writeFile(path.join(workDir, "secrets/database_url"), databaseUrl);
  });

  afterAll(async () => {
    for (const proc of started.reverse()) {
      if (proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.kill("SIGTERM");
        await proc.exited;
      }
    }
    await dropDatabase?.();
    await rm(workDir, { recursive: true, force: true });
  });

  const start = (name: string) => {
    const service = services[name]!;
    const proc = startProcess(entryOf(service), {
      PORTAL_DATA_DIR: `${workDir}/data-${name}`,
      ...localEnvironment(name, service),
    });
    started.push(proc);
    return proc;
  };

  it("server: answers its health check (readyz)", async () => {
    const proc = start("server");
    const url = localHealthUrl("server", services.server!);
    const deadline = Date.now() + 60_000;
    while (!(await healthy(url))) {
      if (proc.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`server did not become healthy:\n${proc.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  for (const [name, service] of nodeServices.filter(([name]) => name !== "server")) {
    const entry = path.join(repositoryRoot, service.command?.[3] ?? "");
    const missing = !existsSync(entry);
    if (missing && !inContinuousIntegration())
      process.stderr.write(
        `[tests] skipping the compose service ${name}: ${path.relative(repositoryRoot, entry)} does not exist yet\n`,
      );
    it.skipIf(missing && !inContinuousIntegration())(
      `${name}: starts with the compose environment`,
      async () => {
        const proc = start(name);
        if (service.healthcheck?.disable) {
          await waitFor(
            `${name}'s start`,
            () => (proc.output().includes("bridge starting") ? true : undefined),
            30_000,
            proc,
          );
          return;
        }
        const url = localHealthUrl(name, service);
        // Started means answering its health endpoint; the Kong adapter may answer 503 here (no Kong runs).
        const deadline = Date.now() + 30_000;
        for (;;) {
          const status = await fetch(url).then(
            (response) => response.status,
            () => 0,
          );
          if (status === 200 || (name === "kong-adapter" && status === 503)) break;
          if (proc.child.exitCode !== null || Date.now() > deadline)
            throw new Error(`${name} did not answer ${url}:\n${proc.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        if (name !== "kong-adapter") expect(await healthy(url)).toBe(true);
      },
    );
  }
});
