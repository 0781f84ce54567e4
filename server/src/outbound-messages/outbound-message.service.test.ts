import "reflect-metadata";
import { expect, it } from "vitest";
import { noOrigin, system, type ServiceActor, type UserActor } from "../actor/actor.js";
import { testStaticConfig } from "../authorization/caller-fixtures.js";
import { ErrorCode } from "../errors/error-code.js";
import { pageRequest } from "../graphql/connection.js";
import { addUserToGroups } from "../groups/group-membership.repository.js";
import { describeEachBackend } from "../testing/backends.js";
import { insertUser, setDisabledAt } from "../users/user.repository.js";
import { MessageContextService } from "./message-context.service.js";
import { OutboundMessageService } from "./outbound-message.service.js";
import type { OutboundMessageOutcome } from "./outbound-message.types.js";

const mailer: ServiceActor = {
  kind: "service",
  serviceAccountId: "mailer",
  scope: "write",
  origin: noOrigin,
};
const readOnlyService: ServiceActor = { ...mailer, serviceAccountId: "reader", scope: "read" };
const admin: UserActor = {
  kind: "user",
  userId: "usr_admin",
  email: "admin@example.com",
  emailVerified: true,
  groups: ["admin"],
  isAdmin: true,
  isApprover: false,
  via: { kind: "session", sessionId: "ses_admin" },
  scope: "write",
  origin: noOrigin,
};

const sent: OutboundMessageOutcome = {
  channel: "mail",
  eventSequence: 42,
  eventName: "user.verification_requested",
  recipient: "ann@example.com",
  template: "verify-email",
  subject: "Please confirm",
  status: "sent",
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describeEachBackend("outbound message ledger", (getHandle) => {
  let clock = new Date("2026-05-01T10:00:00.000Z");
  const service = () => new OutboundMessageService({ db: getHandle().db, clock: () => clock });

  it("records a message once per channel, event and recipient, and keeps the first outcome", async () => {
    const ledger = service();
    const first = await ledger.record(mailer, sent);
    expect(first.created).toBe(true);
    expect(first.outboundMessage).toMatchObject({ ...sent, error: null, attempts: 1, recordedBy: "mailer" });

    clock = new Date("2026-05-01T10:05:00.000Z");
    const again = await ledger.record(mailer, {
      ...sent,
      subject: "changed",
      status: "failed",
      error: "550",
    });
    expect(again.created).toBe(false);
    expect(again.outboundMessage).toEqual(first.outboundMessage);

    // Another recipient, or the other channel, is another message.
    expect((await ledger.record(mailer, { ...sent, recipient: "bob@example.com" })).created).toBe(true);
    expect(
      (await ledger.record(mailer, { ...sent, channel: "chat", recipient: "ann@example.com" })).created,
    ).toBe(true);
    const ofEvents = await ledger.ofEvents(mailer, { channel: "mail", eventSequences: [42, 43] });
    expect(ofEvents.map((m) => m.recipient)).toEqual(["ann@example.com", "bob@example.com"]);
  });

  it("turns a failed message into a sent one when it goes out after all, never the other way", async () => {
    const ledger = service();
    const failed = { ...sent, status: "failed" as const, error: "550 mailbox unavailable", attempts: 1 };
    const first = await ledger.record(mailer, failed);
    expect(first.outboundMessage).toMatchObject({ status: "failed", error: "550 mailbox unavailable" });
    clock = new Date("2026-05-02T10:00:00.000Z");
    const later = await ledger.record(mailer, { ...sent, attempts: 2 });
    expect(later.created).toBe(false);
    expect(later.outboundMessage).toMatchObject({
      status: "sent",
      error: null,
      attempts: 3,
      updatedAt: "2026-05-02T10:00:00.000Z",
      createdAt: first.outboundMessage.createdAt,
    });
    const third = await ledger.record(mailer, failed);
    expect(third.outboundMessage.status).toBe("sent");
  });

  it("two concurrent recordings of the same message create one entry", async () => {
    const ledger = service();
    const results = await Promise.all([ledger.record(mailer, sent), ledger.record(mailer, sent)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const page = await ledger.list(admin, null, pageRequest({}));
    expect(page.totalCount).toBe(1);
  });

  it("refuses bad input naming the field, and callers who may not record", async () => {
    const ledger = service();
    expect(await rejection(ledger.record(mailer, { ...sent, status: "failed" }))).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      details: { fields: [expect.objectContaining({ field: "error" })] },
    });
    expect(await rejection(ledger.record(mailer, { ...sent, eventSequence: 0 }))).toMatchObject({
      details: { fields: [expect.objectContaining({ field: "eventSequence" })] },
    });
    expect(await rejection(ledger.record(readOnlyService, sent))).toMatchObject({
      code: ErrorCode.INSUFFICIENT_SCOPE,
    });
    expect(await rejection(ledger.record(admin, sent))).toMatchObject({ code: ErrorCode.FORBIDDEN });
    expect(await rejection(ledger.list(mailer, null, pageRequest({})))).toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
    expect((await ledger.list(admin, null, pageRequest({}))).totalCount).toBe(0);
    expect((await ledger.record(system("test"), sent)).outboundMessage.recordedBy).toBe("system:test");
  });

  it("lists messages newest change first with channel and status filters and cursors", async () => {
    const ledger = service();
    for (let index = 1; index <= 5; index += 1) {
      clock = new Date(Date.UTC(2026, 4, 1, 10, index));
      await ledger.record(mailer, {
        ...sent,
        eventSequence: index,
        channel: index % 2 === 0 ? "chat" : "mail",
        status: index === 3 ? "failed" : "sent",
        error: index === 3 ? "550 no such user" : null,
      });
    }
    const first = await ledger.list(admin, { channel: "mail" }, pageRequest({ first: 1 }));
    expect(first.totalCount).toBe(3);
    expect(first.items.map((i) => i.node.eventSequence)).toEqual([5]);
    const rest = await ledger.list(
      admin,
      { channel: "mail" },
      pageRequest({ after: first.items[0]?.cursor }),
    );
    expect(rest.items.map((i) => i.node.eventSequence)).toEqual([3, 1]);
    expect(rest.hasNextPage).toBe(false);
    const failed = await ledger.list(admin, { status: "failed" }, pageRequest({}));
    expect(failed.items.map((i) => [i.node.eventSequence, i.node.error])).toEqual([[3, "550 no such user"]]);
  });

  it("finds recipients: a user with locale, the approvers of a group, administrators when there are none", async () => {
    const db = getHandle().db;
    const config = await testStaticConfig();
    const context = new MessageContextService({ db, config });
    const now = new Date("2026-05-01T00:00:00.000Z");
    const user = async (id: string, groups: string[], profile: Record<string, string> = {}) => {
      await insertUser(
        db,
        {
          id,
          email: `${id}@example.com`,
          passwordHash: null,
          emailVerifiedAt: now.toISOString(),
          displayName: `Name of ${id}`,
          profile,
        },
        now,
      );
      await addUserToGroups(db, id, groups, now);
    };
    await user("ann", ["developers"], { locale: "de" });
    await user("bad-locale", ["developers"], { locale: "<script>" });
    await user("partner-approver", ["partners", "approvers"]);
    await user("other-approver", ["internal", "approvers"]);
    await user("admin1", ["admin"]);
    await user("admin2", ["admin"]);
    await setDisabledAt(db, "admin2", now.toISOString(), now);

    expect(await context.recipient(mailer, "ann")).toEqual({
      userId: "ann",
      email: "ann@example.com",
      name: "Name of ann",
      locale: "de",
    });
    expect((await context.recipient(mailer, "bad-locale"))?.locale).toBeNull();
    expect(await context.recipient(mailer, "admin2")).toBeNull();
    expect(await context.recipient(mailer, "nobody")).toBeNull();
    expect((await context.approvalRecipients(mailer, "partners")).map((r) => r.userId)).toEqual([
      "partner-approver",
    ]);
    expect((await context.approvalRecipients(mailer, "developers")).map((r) => r.userId)).toEqual(["admin1"]);
    expect((await context.approvalRecipients(mailer, null)).map((r) => r.userId)).toEqual(["admin1"]);
    expect((await context.administratorRecipients(admin)).map((r) => r.userId)).toEqual(["admin1"]);

    const settings = context.settings(readOnlyService);
    expect(settings.portalUrl).not.toMatch(/\/$/);
    expect(settings.emailTemplates).toContainEqual(
      expect.objectContaining({ template: "verify-email", locale: "de" }),
    );
    expect(settings.chatTargets).toContainEqual({
      id: "ops-slack",
      type: "slack",
      urlVariable: "ACME_SLACK_WEBHOOK_URL",
      events: ["user-signed-up", "approval-requested", "listener-failing"],
      templates: [],
    });
    expect(settings.chatTargets.find((target) => target.id === "api-team")?.templates).toEqual([
      {
        event: "approval-requested",
        title: "{{api.name}}: approval needed",
        text: expect.stringContaining("Decide in the portal: {{link}}") as unknown,
      },
    ]);
  });
});
