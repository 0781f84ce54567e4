import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadMailerConfig, MailerConfigError } from "./mailer-config.js";

const token = "mailer-token-0123456789abcdefghijklmnopqrstuv";

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadMailerConfig(env, "/srv/portal");
  } catch (error) {
    if (error instanceof MailerConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a configuration error");
}

describe("loadMailerConfig", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "mailer-config-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("defaults to the outbox under PORTAL_DATA_DIR, port 3003, and no SMTP", () => {
    const config = loadMailerConfig({ MAILER_TOKEN: token }, "/srv/portal");
    expect(config).toMatchObject({
      portalUrl: "http://127.0.0.1:3000",
      host: "127.0.0.1",
      port: 3003,
      publicUrl: null,
      smtp: null,
      outboxDir: "/srv/portal/data/outbox",
      maxAttempts: 5,
    });
    expect(loadMailerConfig({ MAILER_TOKEN: token, PORTAL_DATA_DIR: "/var/lib/portal" }).outboxDir).toBe(
      "/var/lib/portal/outbox",
    );
  });

  it("reads SMTP with STARTTLS and verification by default, 465 for implicit TLS", () => {
    const smtp = loadMailerConfig({ MAILER_TOKEN: token, MAILER_SMTP_HOST: "mail.example" }).smtp;
    expect(smtp).toEqual({
      host: "mail.example",
      port: 587,
      security: "starttls",
      verifyCertificate: true,
      auth: null,
      timeoutMs: 30_000,
    });
    const implicit = loadMailerConfig({
      MAILER_TOKEN: token,
      MAILER_SMTP_HOST: "mail.example",
      MAILER_SMTP_SECURITY: "implicit",
      MAILER_SMTP_TLS_VERIFY: "false",
    }).smtp;
    expect(implicit).toMatchObject({ port: 465, security: "implicit", verifyCertificate: false });
  });

  it("takes the token and the SMTP password from _FILE variables", async () => {
    await writeFile(path.join(dir, "token"), `${token}\n`);
    await writeFile(path.join(dir, "password"), "s3cret\n");
    const config = loadMailerConfig({
      MAILER_TOKEN_FILE: path.join(dir, "token"),
      MAILER_SMTP_HOST: "mail.example",
      MAILER_SMTP_USER: "portal",
      MAILER_SMTP_PASSWORD_FILE: path.join(dir, "password"),
    });
    expect(config.token).toBe(token);
    expect(config.smtp?.auth).toEqual({ user: "portal", password: "s3cret" });
  });

  it("names every bad variable at once and never shows a secret", () => {
    const problems = problemsOf({
      MAILER_TOKEN: "short-secret",
      MAILER_SMTP_SECURITY: "ssl",
      MAILER_PORT: "70000",
      MAILER_SMTP_PASSWORD: "hunter2",
      MAILER_SMTP_PASSWORD_FILE: "/nowhere",
    });
    expect(problems).toEqual([
      "MAILER_SMTP_PASSWORD and MAILER_SMTP_PASSWORD_FILE are both set; set only one of them",
      expect.stringMatching(/^MAILER_TOKEN=<secret>: must be the token/) as unknown as string,
      expect.stringMatching(/^MAILER_PORT="70000": /) as unknown as string,
      'MAILER_SMTP_SECURITY="ssl": must be starttls, implicit or none',
    ]);
    expect(problems.join("\n")).not.toContain("short-secret");
  });

  it("refuses a login without password, and SMTP settings without a host", () => {
    expect(
      problemsOf({ MAILER_TOKEN: token, MAILER_SMTP_HOST: "mail.example", MAILER_SMTP_USER: "u" }),
    ).toEqual(["MAILER_SMTP_USER and MAILER_SMTP_PASSWORD (or _FILE) must be set together, or neither"]);
    expect(problemsOf({ MAILER_TOKEN: token, MAILER_SMTP_PORT: "25" })).toEqual([
      "MAILER_SMTP_PORT is set but MAILER_SMTP_HOST is not (without it mails go to the outbox)",
    ]);
    expect(problemsOf({ MAILER_TOKEN_FILE: path.join(dir, "missing") })[0]).toBe(
      `MAILER_TOKEN_FILE: cannot read ${path.join(dir, "missing")} (ENOENT)`,
    );
  });
});
