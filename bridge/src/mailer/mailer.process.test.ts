import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readProcessEnvironment } from "../environment.js";
import {
  adminCredentials,
  BridgeProcess,
  listenerToken,
  PortalProcess,
  startProcess,
  waitFor,
  type RunningProcess,
} from "../testing/processes.js";
import { linksIn, TestSmtpServer } from "./mailer.fixture.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  cookie = "",
): Promise<{
  data: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  cookie: string;
}> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const set = response.headers.getSetCookie().find((c) => c.startsWith("portal_session="));
  const body = (await response.json()) as { data: T | null; errors?: [] };
  return { ...body, cookie: set?.split(";")[0] ?? cookie };
}

async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startMailer(portalUrl: string, env: Record<string, string>): Promise<RunningProcess> {
  const proc = startProcess("bridge/src/mailer/main.ts", {
    MAILER_PORTAL_URL: portalUrl,
    MAILER_TOKEN: listenerToken,
    MAILER_PORT: "0",
    LOG_LEVEL: "info",
    ...env,
  });
  return waitFor(
    "the mailer's start",
    () => (proc.output().includes("mailer listening") ? proc : undefined),
    30_000,
    proc,
  );
}

async function stopProcess(proc: RunningProcess | undefined): Promise<void> {
  if (!proc || proc.child.exitCode !== null) return;
  proc.child.kill("SIGTERM");
  await proc.exited;
}

describe("the mailer as its own process, with a real portal and bridge", () => {
  let portal: PortalProcess;
  let bridge: BridgeProcess;
  let smtp: TestSmtpServer;
  let mailer: RunningProcess | undefined;
  let outbox: string;
  const email = "new.developer@example.com";

  beforeAll(async () => {
    const port = await freePort();
    portal = await PortalProcess.start({ PORT: String(port), PORTAL_PUBLIC_URL: `http://127.0.0.1:${port}` });
    smtp = await new TestSmtpServer().start();
    outbox = await mkdtemp(path.join(tmpdir(), "mailer-process-outbox-"));
    // Only the mailer process under test takes the mailer's events (not one hosted by the bridge).
    bridge = await BridgeProcess.start(portal.url, { BRIDGE_LISTENERS: "none" });
  });
  afterAll(async () => {
    await stopProcess(mailer);
    await bridge?.stop();
    await portal?.remove();
    await smtp?.close();
    await rm(outbox, { recursive: true, force: true });
  });

  it("sign-up: the verification mail arrives over SMTP with a link that verifies the address", async () => {
    mailer = await startMailer(portal.url, {
      MAILER_SMTP_HOST: "127.0.0.1",
      MAILER_SMTP_PORT: String(smtp.port),
      MAILER_SMTP_SECURITY: "none",
    });
    const signUp = await graphql(
      portal.url,
      `
        mutation ($input: SignUpInput!) {
          signUp(input: $input) {
            userId
          }
        }
      `,
      {
        input: {
          email,
          password: "a-long-password-123",
          displayName: "New <b>Developer</b>",
          profile: [{ field: "name", value: "New Developer" }],
        },
      },
    );
    expect(signUp.errors).toBeUndefined();
    const mail = await eventually("the verification mail", () => Promise.resolve(smtp.received[0]));
    expect(mail.to && "value" in mail.to ? mail.to.value[0]?.address : null).toBe(email);
    expect(String(mail.html)).toContain("New &lt;b&gt;Developer&lt;/b&gt;");
    const [link] = linksIn(mail.text ?? "");
    const url = new URL(link ?? "");
    expect(`${url.origin}${url.pathname}`).toBe(`${portal.url}/verify-email`);
    const verified = await graphql<{ verifyEmail: { email: string } }>(
      portal.url,
      `
        mutation ($token: String!) {
          verifyEmail(input: { token: $token }) {
            email
          }
        }
      `,
      { token: url.searchParams.get("token") },
    );
    expect(verified.data?.verifyEmail.email).toBe(email);

    const admin = await graphql(
      portal.url,
      `
        mutation ($email: String!, $password: String!) {
          signIn(input: { email: $email, password: $password }) {
            expiresAt
          }
        }
      `,
      adminCredentials,
    );
    const ledger = await graphql<{ outboundMessages: { edges: { node: Record<string, unknown> }[] } }>(
      portal.url,
      "query { outboundMessages(filter: { channel: MAIL }) { edges { node { recipient template status recordedBy } } } }",
      {},
      admin.cookie,
    );
    expect(ledger.data?.outboundMessages.edges.map((edge) => edge.node)).toEqual([
      { recipient: email, template: "verify-email", status: "SENT", recordedBy: "listener" },
    ]);
    expect(smtp.received).toHaveLength(1);
  });

  it("without SMTP: the reset mail lands in the outbox and `portal mail list` prints its working link", async () => {
    await stopProcess(mailer);
    mailer = await startMailer(portal.url, { MAILER_OUTBOX_DIR: outbox });
    await graphql(
      portal.url,
      `
        mutation ($email: String!) {
          requestPasswordReset(input: { email: $email }) {
            accepted
          }
        }
      `,
      {
        email,
      },
    );
    await eventually("the .eml file", async () => ((await readdir(outbox)).length > 0 ? true : undefined));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx/esm", "server/src/cli/main.ts", "mail", "list"],
      { cwd: root, env: { ...readProcessEnvironment(), MAILER_OUTBOX_DIR: outbox } },
    );
    expect(stdout).toContain(`to "New <b>Developer</b>" <${email}>`);
    const link = /link: (\S+)/.exec(stdout)?.[1] ?? "";
    expect(link.startsWith(`${portal.url}/reset-password?token=`)).toBe(true);
    const reset = await graphql<{ resetPassword: { endedSessions: number } }>(
      portal.url,
      `
        mutation ($token: String!) {
          resetPassword(input: { token: $token, newPassword: "another-password-456" }) {
            endedSessions
          }
        }
      `,
      { token: new URL(link).searchParams.get("token") },
    );
    expect(reset.errors).toBeUndefined();
    expect(smtp.received).toHaveLength(1);
  });
});
