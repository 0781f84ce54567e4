import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BuiltInListener } from "../listener-kit/built-in-listener.js";
import type { WebhookEvent } from "../portal-client.js";
import type { MailRecipient } from "./mail-lookups.js";
import { loadMailerConfig } from "./mailer-config.js";
import { linksIn, MemoryMailPortal, TestSmtpServer } from "./mailer.fixture.js";
import { createMailerListener } from "./mailer.listener.js";

const token = "mailer-test-token-0123456789abcdefghijklmnop";
const logger = pino({ level: "silent" });
const occurredAt = "2026-05-01T10:00:00.000Z";
const now = () => new Date("2026-05-01T10:00:05.000Z");

let sequence = 100;
function event(name: string, payload: Record<string, unknown>): WebhookEvent {
  sequence += 1;
  return { id: `evt_${sequence}`, sequence, name, schemaVersion: 1, occurredAt, payload };
}

const ann: MailRecipient = {
  userId: "usr_ann",
  email: "ann@example.com",
  name: 'Ann <b>"Bold"</b> & Co',
  locale: null,
};
const dieter: MailRecipient = {
  userId: "usr_dieter",
  email: "dieter@example.de",
  name: "Dieter",
  locale: "de-AT",
};
const admin: MailRecipient = {
  userId: "usr_admin",
  email: "admin@acme.example",
  name: "Admin",
  locale: null,
};

function verification(user: MailRecipient) {
  return event("user.verification_requested", {
    userId: user.userId,
    email: user.email,
    displayName: user.name,
    link: "https://portal.example/verify-email?token=abc_DEF-123",
    expiresAt: "2026-05-02T10:00:00.000Z",
  });
}

const subscriptionRef = {
  subscriptionId: "sub_1",
  applicationId: "acme-web",
  apiId: "orders",
  planId: "basic",
  authMethod: "key-auth",
  requestedBy: "usr_ann",
  requesterEmail: "ann@example.com",
};

describe("the mailer against a real SMTP server", () => {
  let smtp: TestSmtpServer;
  let portal: MemoryMailPortal;
  let mailer: BuiltInListener;
  const delivery = { webhookId: "msg_test" };

  beforeEach(async () => {
    smtp = await new TestSmtpServer().start();
    portal = new MemoryMailPortal();
    portal.users.set("usr_ann", ann);
    portal.users.set("usr_dieter", dieter);
    portal.adminList = [admin];
    portal.owners.set("acme-web", [ann]);
    const config = loadMailerConfig({
      MAILER_TOKEN: token,
      MAILER_SMTP_HOST: "127.0.0.1",
      MAILER_SMTP_PORT: String(smtp.port),
      MAILER_SMTP_SECURITY: "none",
      MAILER_MAX_ATTEMPTS: "3",
    });
    mailer = createMailerListener(config, { logger, portal, now });
    await mailer.start();
  });
  afterEach(async () => {
    await mailer.stop();
    await smtp.close();
  });

  it("sends the verification mail with both parts, the link, and the user's name escaped in HTML only", async () => {
    await mailer.handle([verification(ann)], delivery);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toMatchObject({ value: [{ address: "ann@example.com" }] });
    expect(mail?.from?.value[0]).toEqual({ address: "noreply@acme.example", name: "Acme API Portal" });
    expect(mail?.replyTo?.value[0]?.address).toBe("api-team@acme.example");
    expect(mail?.subject).toBe("Acme API Portal: please confirm your email address");
    expect(mail?.text).toContain('Hello Ann <b>"Bold"</b> & Co,');
    expect(mail?.text).toContain("valid for 24 hours");
    expect(linksIn(mail?.text ?? "")).toEqual(["https://portal.example/verify-email?token=abc_DEF-123"]);
    const html = String(mail?.html);
    expect(html).toContain("Hello Ann &lt;b&gt;&quot;Bold&quot;&lt;/b&gt; &amp; Co,");
    expect(html).not.toContain("<b>");
    expect(html).toContain('<a href="https://portal.example/verify-email?token=abc_DEF-123">');
    expect(mail?.messageId).toMatch(/^<mail-\d+-[0-9a-f]{24}@portal\.example>$/);
    expect(portal.entries).toMatchObject([
      { recipient: "ann@example.com", template: "verify-email", status: "SENT", attempts: 1 },
    ]);
  });

  it("picks the locale's template, falling back from de-AT to de and from an unknown one to en", async () => {
    await mailer.handle([verification(dieter), verification({ ...ann, locale: "fr" })], delivery);
    expect(smtp.received.map((m) => m.subject)).toEqual([
      "Acme API Portal: Bitte bestätigen Sie Ihre E-Mail-Adresse",
      "Acme API Portal: please confirm your email address",
    ]);
  });

  it("sends nothing twice when the bridge delivers the same batch again", async () => {
    const batch = [verification(ann), verification(dieter)];
    await mailer.handle(batch, delivery);
    await mailer.handle(batch, delivery);
    expect(smtp.received).toHaveLength(2);
    expect(portal.entries).toHaveLength(2);
  });

  it("asks every approver, escapes the application name, and links to the approval page", async () => {
    const approver = { userId: "usr_appr", email: "approver@acme.example", name: "Approver", locale: null };
    portal.approverList = [approver, admin];
    await mailer.handle(
      [
        event("approval.requested", {
          ...subscriptionRef,
          applicationName: "Acme <script>alert(1)</script> Web",
          apiName: "Orders API",
          planName: "Gold",
          requiredGroup: "partners",
        }),
      ],
      delivery,
    );
    expect(smtp.received.map((m) => m.to && "value" in m.to && m.to.value[0]?.address).sort()).toEqual([
      "admin@acme.example",
      "approver@acme.example",
    ]);
    for (const mail of smtp.received) {
      expect(String(mail.html)).toContain("Acme &lt;script&gt;alert(1)&lt;/script&gt; Web");
      expect(String(mail.html)).not.toContain("<script>");
      expect(linksIn(mail.text ?? "")).toContain("https://portal.example/approvals?subscription=sub_1");
    }
  });

  it("tells the requester about a decline with the reason, and owners about an expiring old key", async () => {
    await mailer.handle(
      [
        event("subscription.declined", {
          ...subscriptionRef,
          reason: "Use the <sandbox> plan first",
          declinedBy: "x",
        }),
        event("subscription.approved", {
          ...subscriptionRef,
          previousStatus: null,
          automatic: true,
          approvedBy: null,
          credentialIds: [],
        }),
        event("subscription.credentials_rotated", {
          ...subscriptionRef,
          status: "approved",
          newCredentialIds: ["c2"],
          previousCredentials: [{ credentialId: "c1", expiresAt: "2026-05-08T10:00:00.000Z" }],
        }),
      ],
      delivery,
    );
    expect(smtp.received.map((m) => m.subject)).toEqual([
      expect.stringContaining("declined"),
      expect.stringContaining("expires in 7 days"),
    ]);
    expect(smtp.received[0]?.text).toContain("Use the <sandbox> plan first");
    expect(String(smtp.received[0]?.html)).toContain("Use the &lt;sandbox&gt; plan first");
    expect(smtp.received[1]?.text).toContain("2026-05-08T10:00:00.000Z");
    expect(linksIn(smtp.received[1]?.text ?? "")).toEqual(["https://portal.example/applications/acme-web"]);
  });

  it("alerts the administrators about dead letters", async () => {
    await mailer.handle(
      [
        event("webhook_listener.dead_lettered", {
          listenerId: "kong-adapter",
          sequences: [5, 6],
          eventNames: ["subscription.approved"],
          attempts: 8,
          reason: "HTTP 503",
        }),
      ],
      delivery,
    );
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.subject).toBe("Acme API Portal: webhook listener kong-adapter is failing");
    expect(smtp.received[0]?.text).toContain("http://kong-adapter:3002/");
  });

  it("gives the batch back on temporary failures (421, 451) and sends it once the server takes it", async () => {
    smtp.dataAnswers = [
      { code: 421, message: "Service not available, closing channel" },
      { code: 451, message: "Local error in processing" },
    ];
    const batch = [verification(ann)];
    await expect(mailer.handle(batch, delivery)).rejects.toThrow(/unavailable/);
    expect(mailer.health().status).toBe("degraded");
    await expect(mailer.handle(batch, delivery)).rejects.toThrow(/Local error/);
    await mailer.handle(batch, delivery);
    expect(smtp.received).toHaveLength(1);
    expect(portal.entries).toMatchObject([{ status: "SENT", attempts: 2 }]);
    expect(mailer.health().status).toBe("ok");
  });

  it("records a permanent 550 as FAILED, goes on with the batch, and never tries that mail again", async () => {
    smtp.rcptAnswer = (address) =>
      address === "ann@example.com" ? { code: 550, message: "No such user here" } : "accept";
    const batch = [verification(ann), verification(dieter)];
    await mailer.handle(batch, delivery);
    await mailer.handle(batch, delivery);
    expect(smtp.received.map((m) => m.to && "value" in m.to && m.to.value[0]?.address)).toEqual([
      "dieter@example.de",
    ]);
    expect(portal.entries).toMatchObject([
      { recipient: "ann@example.com", status: "FAILED" },
      { recipient: "dieter@example.de", status: "SENT" },
    ]);
    expect(portal.entries[0]?.error).toContain("No such user here");
  });

  it("gives a mail up as FAILED after MAILER_MAX_ATTEMPTS temporary refusals", async () => {
    smtp.rcptAnswer = () => ({ code: 452, message: "Mailbox full" });
    const batch = [verification(ann)];
    await expect(mailer.handle(batch, delivery)).rejects.toThrow(/Mailbox full/);
    await expect(mailer.handle(batch, delivery)).rejects.toThrow(/Mailbox full/);
    await mailer.handle(batch, delivery);
    expect(portal.entries).toMatchObject([{ status: "FAILED", attempts: 3 }]);
    expect(portal.entries[0]?.error).toMatch(/^refused 3 times, last: .*Mailbox full/);
  });

  it("does not send a mail again when only its ledger entry failed", async () => {
    portal.refuseRecords = 1;
    const batch = [verification(ann)];
    await expect(mailer.handle(batch, delivery)).rejects.toThrow(/connection reset/);
    await mailer.handle(batch, delivery);
    expect(smtp.received).toHaveLength(1);
    expect(portal.entries).toMatchObject([{ recipient: "ann@example.com", status: "SENT" }]);
  });

  it("gives the batch back while the portal is unreachable, without sending", async () => {
    portal.unreachable = true;
    await expect(mailer.handle([verification(ann)], delivery)).rejects.toThrow(/unreachable/);
    expect(smtp.received).toHaveLength(0);
  });
});

describe("the mailer without SMTP (the outbox)", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "mailer-outbox-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes each mail as an .eml file under PORTAL_DATA_DIR/outbox, once", async () => {
    const config = loadMailerConfig({ MAILER_TOKEN: token, PORTAL_DATA_DIR: dir });
    expect(config.smtp).toBeNull();
    expect(config.outboxDir).toBe(path.join(dir, "outbox"));
    const portal = new MemoryMailPortal();
    const mailer = createMailerListener(config, { logger, portal, now });
    await mailer.start();
    const batch = [verification(ann)];
    await mailer.handle(batch, { webhookId: "msg_1" });
    await mailer.handle(batch, { webhookId: "msg_1" });
    await mailer.stop();
    const files = await readdir(config.outboxDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^20260501T100005Z-\d{6}-verify-email-[0-9a-f]{8}\.eml$/);
    const parsed = await simpleParser(await readFile(path.join(config.outboxDir, files[0] ?? "")));
    expect(parsed.subject).toBe("Acme API Portal: please confirm your email address");
    expect(linksIn(parsed.text ?? "")).toEqual(["https://portal.example/verify-email?token=abc_DEF-123"]);
  });
});

describe("implicit TLS", () => {
  it("refuses a self-signed certificate unless verification is turned off", async () => {
    const smtp = await new TestSmtpServer({ secure: true }).start();
    const portal = new MemoryMailPortal();
    const env = {
      MAILER_TOKEN: token,
      MAILER_SMTP_HOST: "127.0.0.1",
      MAILER_SMTP_PORT: String(smtp.port),
      MAILER_SMTP_SECURITY: "implicit",
    };
    try {
      const strict = createMailerListener(loadMailerConfig(env), { logger, portal, now });
      await expect(strict.handle([verification(ann)], { webhookId: "m" })).rejects.toThrow(/unavailable/);
      await strict.stop();
      const lax = createMailerListener(loadMailerConfig({ ...env, MAILER_SMTP_TLS_VERIFY: "false" }), {
        logger,
        portal,
        now,
      });
      await lax.handle([verification(ann)], { webhookId: "m" });
      await lax.stop();
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });
});

describe("STARTTLS", () => {
  it("is required: a server without it is not used, one with it is (self-signed: verification off)", async () => {
    const plain = await new TestSmtpServer().start();
    const upgrading = await new TestSmtpServer({ starttls: true }).start();
    const portal = new MemoryMailPortal();
    const env = (port: number) => ({
      MAILER_TOKEN: token,
      MAILER_SMTP_HOST: "127.0.0.1",
      MAILER_SMTP_PORT: String(port),
      MAILER_SMTP_TLS_VERIFY: "false",
    });
    try {
      const toPlain = createMailerListener(loadMailerConfig(env(plain.port)), { logger, portal, now });
      await expect(toPlain.handle([verification(ann)], { webhookId: "m" })).rejects.toThrow(/unavailable/);
      await toPlain.stop();
      expect(plain.received).toHaveLength(0);
      const toUpgrading = createMailerListener(loadMailerConfig(env(upgrading.port)), {
        logger,
        portal,
        now,
      });
      await toUpgrading.handle([verification(ann)], { webhookId: "m" });
      await toUpgrading.stop();
      expect(upgrading.received).toHaveLength(1);
    } finally {
      await plain.close();
      await upgrading.close();
    }
  });
});

describe("SMTP login", () => {
  it("logs in with MAILER_SMTP_USER and the password, and gives the batch back when the login is refused", async () => {
    const smtp = await new TestSmtpServer({ login: { user: "portal", password: "s3cret" } }).start();
    const portal = new MemoryMailPortal();
    const env = {
      MAILER_TOKEN: token,
      MAILER_SMTP_HOST: "127.0.0.1",
      MAILER_SMTP_PORT: String(smtp.port),
      MAILER_SMTP_SECURITY: "none",
      MAILER_SMTP_USER: "portal",
    };
    try {
      const wrong = createMailerListener(loadMailerConfig({ ...env, MAILER_SMTP_PASSWORD: "guess" }), {
        logger,
        portal,
        now,
      });
      await expect(wrong.handle([verification(ann)], { webhookId: "m" })).rejects.toThrow(
        /unavailable.*535/s,
      );
      await wrong.stop();
      expect(portal.entries).toEqual([]);
      const right = createMailerListener(loadMailerConfig({ ...env, MAILER_SMTP_PASSWORD: "s3cret" }), {
        logger,
        portal,
        now,
      });
      await right.handle([verification(ann)], { webhookId: "m" });
      await right.stop();
      expect(smtp.received).toHaveLength(1);
      expect(portal.entries).toMatchObject([{ status: "SENT" }]);
    } finally {
      await smtp.close();
    }
  });
});
