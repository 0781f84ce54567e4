import { afterEach, describe, expect, it } from "vitest";
import { PortalGraphQLError, PortalUnavailableError } from "../listener-kit/portal-graphql-client.js";
import type { ChatTargetSetting } from "./chat-targets.js";
import { ChatReceiver } from "./chat-receiver.fixture.js";
import { createChatbotListener } from "./chatbot.listener.js";
import { chatbotTestConfig, MemoryChatPortal, silentLogger, webhookEvent } from "./chatbot.fixture.js";

const receivers: ChatReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(): Promise<ChatReceiver> {
  const started = await ChatReceiver.start();
  receivers.push(started);
  return started;
}

const target = (id: string, type: string, events: string[]): ChatTargetSetting => ({
  id,
  type,
  urlVariable: `${id.toUpperCase().replace(/-/g, "_")}_URL`,
  events,
});

async function chatbot(targets: ChatTargetSetting[], env: Record<string, string>) {
  const portal = new MemoryChatPortal(targets);
  const listener = createChatbotListener(chatbotTestConfig(env), { logger: silentLogger, portal });
  await listener.start();
  return { portal, listener };
}

const hostileSignUp = () =>
  webhookEvent("user.created", {
    userId: "usr_1",
    email: "tom@example.com",
    displayName:
      "<!channel> Tom & *Jerry* [win](http://evil.example) @everyone {{DATE(2017-02-14T06:08:39Z)}}",
    groups: [],
    verified: false,
  });

const approvalRequested = (applicationName = "Web shop") =>
  webhookEvent("approval.requested", {
    subscriptionId: "sub_1",
    applicationId: "web-shop",
    applicationName,
    apiId: "orders",
    apiName: "Orders",
    planId: "gold",
    planName: "Gold",
    requiredGroup: "partners",
    requestedBy: "usr_2",
    requesterEmail: "ann@example.com",
  });

describe("chatbot payloads per platform", () => {
  it("Slack: mrkdwn section with &, < and > escaped (no <!channel> mention), text fallback, a button to the page", async () => {
    const slack = await receiver();
    const { listener, portal } = await chatbot([target("ops", "slack", ["user-signed-up"])], {
      OPS_URL: slack.url(),
    });
    await listener.handle([hostileSignUp()], { webhookId: "msg_1" });

    expect(slack.requests).toHaveLength(1);
    const [request] = slack.requests;
    expect(request?.path).toBe("/services/T000/B000/secret");
    expect(request?.headers["content-type"]).toBe("application/json");
    const body = request?.body as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string } }[];
    };
    expect(body.text).toContain("New user signed up: &lt;!channel&gt; Tom &amp; *Jerry*");
    expect(body.text).not.toContain("<!channel>");
    expect(body.text).toContain(" <tom@example.com> · https://portal.example/admin/users/usr_1"); // the template's own <>
    expect(body.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: body.text } });
    expect(body.blocks[1]).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Open in the portal" },
          url: "https://portal.example/admin/users/usr_1",
        },
      ],
    });
    expect(portal.entries).toEqual([
      expect.objectContaining({
        eventName: "user.created",
        recipient: "ops",
        template: "user-signed-up",
        status: "SENT",
        error: null,
        attempts: 1,
      }),
    ]);
  });

  it("Mattermost and Rocket.Chat: Slack-compatible text, Markdown escaped, @mentions broken, bold title", async () => {
    const mattermost = await receiver();
    const rocket = await receiver();
    const { listener } = await chatbot(
      [
        target("mm", "mattermost", ["approval-requested"]),
        target("rc", "rocketchat", ["approval-requested"]),
      ],
      { MM_URL: mattermost.url("/hooks/abc"), RC_URL: rocket.url("/hooks/def") },
    );
    await listener.handle([approvalRequested("@all *Big* [x](http://evil)")], { webhookId: "msg_1" });

    const mm = mattermost.requests[0]?.body as { text: string };
    expect(Object.keys(mm)).toEqual(["text"]);
    expect(mm.text).toMatch(/^\*\*Approval needed\*\*\n/);
    expect(mm.text).toContain("@\u200ball \\*Big\\* \\[x\\]\\(http://evil\\)");
    expect(mm.text).toContain("Approve or decline: https://portal.example/approvals");
    const rc = rocket.requests[0]?.body as { text: string };
    expect(rc.text).toMatch(/^\*Approval needed\*\n/);
    expect(rc.text).not.toContain("@all");
  });

  it("Teams: an Adaptive Card message for a workflow webhook, TextBlock Markdown and {{DATE()}} escaped, an OpenUrl action", async () => {
    const teams = await receiver();
    const { listener } = await chatbot([target("team", "teams", ["approval-requested"])], {
      TEAM_URL: teams.url("/workflows/1"),
    });
    await listener.handle(
      [approvalRequested("**Big** [x](http://evil) {{DATE(2017-02-14T06:08:39Z)}}\n- item")],
      {
        webhookId: "msg_1",
      },
    );

    const body = teams.requests[0]?.body as {
      type: string;
      attachments: { contentType: string; contentUrl: null; content: Record<string, unknown> }[];
    };
    expect(body.type).toBe("message");
    expect(body.attachments).toHaveLength(1);
    const [attachment] = body.attachments;
    expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(attachment?.contentUrl).toBeNull();
    const card = attachment?.content as {
      type: string;
      version: string;
      body: { type: string; text: string; weight?: string }[];
      actions: unknown[];
    };
    expect(card.type).toBe("AdaptiveCard");
    expect(card.version).toBe("1.4");
    expect(card.body[0]).toEqual({
      type: "TextBlock",
      text: "Approval needed",
      weight: "Bolder",
      size: "Medium",
      wrap: true,
    });
    expect(card.body[1]?.text).toContain(
      "\\*\\*Big\\*\\* \\[x\\]\\(http://evil\\) {\u200b{DATE\\(2017-02-14T06:08:39Z\\)}}\n\\- item",
    );
    expect(card.actions).toEqual([
      { type: "Action.OpenUrl", title: "Open in the portal", url: "https://portal.example/approvals" },
    ]);
  });

  it("Discord: one embed (title, description, link, time), no mentions allowed, @everyone broken", async () => {
    const discord = await receiver();
    const { listener } = await chatbot([target("dc", "discord", ["approval-requested"])], {
      DC_URL: discord.url("/api/webhooks/1/tok"),
    });
    await listener.handle([approvalRequested("@everyone **loud** <@123>")], { webhookId: "msg_1" });

    const body = discord.requests[0]?.body as {
      embeds: Record<string, unknown>[];
      allowed_mentions: unknown;
      content?: string;
    };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toBeUndefined();
    expect(body.embeds).toHaveLength(1);
    const [embed] = body.embeds;
    expect(embed?.title).toBe("Approval needed");
    expect(embed?.url).toBe("https://portal.example/approvals");
    expect(embed?.timestamp).toBe("2026-11-27T10:00:00.000Z");
    expect(embed?.description).toContain("@\u200beveryone \\*\\*loud\\*\\* \\<@\u200b123\\>");
    expect(String(embed?.description)).not.toContain("@everyone");
  });

  it("generic JSON: the event, the template, the text unescaped and the values", async () => {
    const generic = await receiver();
    const { listener } = await chatbot([target("gen", "generic", ["approval-requested"])], {
      GEN_URL: generic.url("/in"),
    });
    const event = approvalRequested("<Web & shop>");
    await listener.handle([event], { webhookId: "msg_1" });

    expect(generic.requests[0]?.body).toEqual({
      source: "api-portal",
      event: { sequence: event.sequence, name: "approval.requested", occurredAt: "2026-11-27T10:00:00.000Z" },
      template: "approval-requested",
      title: "Approval needed",
      text: "<Web & shop> (ann@example.com) wants Orders with the Gold plan. Approve or decline: https://portal.example/approvals",
      link: "https://portal.example/approvals",
      values: expect.objectContaining({
        "application.name": "<Web & shop>",
        "api.name": "Orders",
        "user.email": "ann@example.com",
      }) as unknown,
    });
  });

  it("only the events a target selects, and no sign-up message for a user created at boot", async () => {
    const slack = await receiver();
    const { listener, portal } = await chatbot([target("ops", "slack", ["user-signed-up"])], {
      OPS_URL: slack.url(),
    });
    const boot = webhookEvent(
      "user.created",
      { userId: "usr_0", email: "admin@example.com", displayName: "Admin", groups: [], verified: true },
      { kind: "system", id: "system:boot" },
    );
    await listener.handle([boot, approvalRequested(), hostileSignUp()], { webhookId: "msg_1" });
    expect(slack.requests).toHaveLength(1);
    expect(portal.entries.map((entry) => entry.eventName)).toEqual(["user.created"]);
  });
});

describe("chatbot delivery", () => {
  it("retries 5xx answers and timeouts with backoff, then records SENT with the attempts", async () => {
    const slack = await receiver();
    slack.answer = (_request, index) =>
      index === 0 ? { status: 503 } : index === 1 ? "hang" : { status: 200 };
    const { listener, portal } = await chatbot([target("ops", "slack", ["user-signed-up"])], {
      OPS_URL: slack.url(),
    });
    await listener.handle([hostileSignUp()], { webhookId: "msg_1" });
    expect(slack.requests).toHaveLength(3);
    expect(portal.entries[0]).toMatchObject({ status: "SENT", attempts: 3 });
  });

  it("honours 429 with Retry-After in seconds and as an HTTP date", async () => {
    const slack = await receiver();
    const retryAt = () => new Date(Date.now() + 2000).toUTCString();
    slack.answer = (_request, index) =>
      index === 0
        ? { status: 429, headers: { "retry-after": "1" }, body: "rate_limited" }
        : index === 1
          ? { status: 429, headers: { "retry-after": retryAt() } }
          : { status: 200 };
    const { listener, portal } = await chatbot([target("ops", "slack", ["user-signed-up"])], {
      OPS_URL: slack.url(),
      CHATBOT_MAX_ATTEMPTS: "5",
      CHATBOT_BACKOFF_MAX_MS: "20",
    });
    await listener.handle([hostileSignUp()], { webhookId: "msg_1" });
    const [first, second, third] = slack.requests.map((request) => request.receivedAt);
    expect(slack.requests).toHaveLength(3);
    // The backoff alone would wait at most 20 ms.
    expect(second! - first!).toBeGreaterThanOrEqual(950);
    expect(third! - second!).toBeGreaterThanOrEqual(950);
    expect(portal.entries[0]).toMatchObject({ status: "SENT", attempts: 3 });
  });

  it("does not wait for a Retry-After longer than the limit: FAILED at once, with the reason", async () => {
    const slack = await receiver();
    slack.answer = () => ({ status: 429, headers: { "retry-after": "600" }, body: "rate_limited" });
    const { listener, portal } = await chatbot([target("ops", "slack", ["user-signed-up"])], {
      OPS_URL: slack.url(),
    });
    await listener.handle([hostileSignUp()], { webhookId: "msg_1" });
    expect(slack.requests).toHaveLength(1);
    expect(portal.entries[0]).toMatchObject({
      status: "FAILED",
      attempts: 1,
      error: "HTTP 429: rate_limited (asked to retry after 600 s, longer than the 5 s the chatbot waits)",
    });
  });

  it("a 4xx answer is final: one attempt, FAILED with the status and the answer", async () => {
    const slack = await receiver();
    slack.answer = () => ({ status: 404, body: "no_service" });
    const { listener, portal } = await chatbot([target("ops", "slack", ["user-signed-up"])], {
      OPS_URL: slack.url(),
    });
    await listener.handle([hostileSignUp()], { webhookId: "msg_1" });
    expect(slack.requests).toHaveLength(1);
    expect(portal.entries[0]).toMatchObject({ status: "FAILED", attempts: 1, error: "HTTP 404: no_service" });
  });

  it("an undeliverable message is recorded FAILED (never the secret URL); the batch is acknowledged and other targets get theirs", async () => {
    const dead = await receiver();
    const alive = await receiver();
    dead.answer = () => ({ status: 502, body: "bad gateway" });
    const { listener, portal } = await chatbot(
      [
        target("dead", "slack", ["user-signed-up", "approval-requested"]),
        target("alive", "discord", ["user-signed-up", "approval-requested"]),
      ],
      { DEAD_URL: dead.url("/services/very-secret-token"), ALIVE_URL: alive.url() },
    );
    const events = [hostileSignUp(), approvalRequested()];
    await expect(listener.handle(events, { webhookId: "msg_1" })).resolves.toBeUndefined();

    expect(dead.requests).toHaveLength(3); // the first message's retries; the second is not tried
    expect(alive.requests).toHaveLength(2);
    const deadEntries = portal.entries.filter((entry) => entry.recipient === "dead");
    expect(deadEntries).toEqual([
      expect.objectContaining({
        eventSequence: events[0]!.sequence,
        status: "FAILED",
        attempts: 3,
        error: "HTTP 502: bad gateway (after 3 attempts)",
      }),
      expect.objectContaining({
        eventSequence: events[1]!.sequence,
        status: "FAILED",
        attempts: 0,
        error:
          "not attempted: an earlier message of the same batch to this target failed (HTTP 502: bad gateway (after 3 attempts))",
      }),
    ]);
    expect(JSON.stringify(portal.entries)).not.toContain("very-secret-token");
    expect(
      portal.entries.filter((entry) => entry.recipient === "alive").map((entry) => entry.status),
    ).toEqual(["SENT", "SENT"]);
    expect(listener.health()).toMatchObject({
      status: "degraded",
      detail: { failedMessages: 2, failingTargets: { dead: expect.any(String) as unknown } },
    });
  });

  it("a target whose URL variable is missing is disabled: degraded health, its messages recorded FAILED", async () => {
    const slack = await receiver();
    const { listener, portal } = await chatbot(
      [target("ops", "slack", ["user-signed-up"]), target("team", "teams", ["user-signed-up"])],
      { OPS_URL: slack.url() },
    );
    expect(listener.health()).toMatchObject({ status: "degraded", detail: { disabledTargets: ["team"] } });
    await listener.handle([hostileSignUp()], { webhookId: "msg_1" });
    expect(slack.requests).toHaveLength(1);
    expect(portal.entries.find((entry) => entry.recipient === "team")).toMatchObject({
      status: "FAILED",
      attempts: 0,
      error: "target disabled: TEAM_URL (the target's webhook URL) is not set",
    });
  });

  it("no duplicate message when the same batch is delivered twice", async () => {
    const slack = await receiver();
    const { listener, portal } = await chatbot(
      [target("ops", "slack", ["user-signed-up", "approval-requested"])],
      { OPS_URL: slack.url() },
    );
    const batch = [hostileSignUp(), approvalRequested()];
    await Promise.all([
      listener.handle(batch, { webhookId: "msg_1" }),
      listener.handle(batch, { webhookId: "msg_1" }), // the bridge timed out and sent it again meanwhile
    ]);
    await listener.handle(batch, { webhookId: "msg_1" });
    expect(slack.requests).toHaveLength(2);
    expect(portal.entries).toHaveLength(2);
  });

  it("while the portal (ledger) is unreachable, handle throws so the batch comes back; then it is sent once", async () => {
    const slack = await receiver();
    const { listener, portal } = await chatbot([target("ops", "slack", ["user-signed-up"])], {
      OPS_URL: slack.url(),
    });
    const batch = [hostileSignUp()];
    portal.unreachable = true;
    await expect(listener.handle(batch, { webhookId: "msg_1" })).rejects.toBeInstanceOf(
      PortalUnavailableError,
    );
    expect(slack.requests).toHaveLength(0);
    portal.unreachable = false;
    await listener.handle(batch, { webhookId: "msg_1" });
    await listener.handle(batch, { webhookId: "msg_1" });
    expect(slack.requests).toHaveLength(1);
    expect(portal.entries).toEqual([expect.objectContaining({ status: "SENT" })]);
  });

  it("starts while the portal is down and reads the targets with the first batch", async () => {
    const slack = await receiver();
    const portal = new MemoryChatPortal([target("ops", "slack", ["user-signed-up"])]);
    portal.unreachable = true;
    const listener = createChatbotListener(chatbotTestConfig({ OPS_URL: slack.url() }), {
      logger: silentLogger,
      portal,
    });
    await listener.start();
    expect(listener.health().status).toBe("degraded");
    portal.unreachable = false;
    await listener.handle([hostileSignUp()], { webhookId: "msg_1" });
    expect(slack.requests).toHaveLength(1);
    expect(listener.health().status).toBe("ok");
  });
});

describe("chatbot settings", () => {
  it("reads the targets and templates again after a while, keeping the old ones while the portal is away", async () => {
    const slack = await receiver();
    const discord = await receiver();
    const portal = new MemoryChatPortal([target("ops", "slack", ["user-signed-up"])]);
    const config = chatbotTestConfig({ OPS_URL: slack.url(), DC_URL: discord.url() });
    const listener = createChatbotListener(config, { logger: silentLogger, portal, settingsRefreshMs: 0 });
    await listener.start();
    await listener.handle([hostileSignUp()], { webhookId: "msg_1" });

    portal.targets.push(target("dc", "discord", ["user-signed-up"]));
    await listener.handle([hostileSignUp()], { webhookId: "msg_2" });
    expect([slack.requests.length, discord.requests.length]).toEqual([2, 1]);

    // Only the settings fail (say, a portal replica still starting): the targets read before keep working.
    portal.settings = () => Promise.reject(new PortalUnavailableError("the portal API answered 503"));
    await listener.handle([hostileSignUp()], { webhookId: "msg_3" });
    expect([slack.requests.length, discord.requests.length]).toEqual([3, 2]);
  });
});

describe("chatbot with a token the portal does not let record", () => {
  it("sends nothing more after the first refusal and reports itself down, so redeliveries do not repeat messages", async () => {
    const slack = await receiver();
    const { listener, portal } = await chatbot([target("ops", "slack", ["user-signed-up"])], {
      OPS_URL: slack.url(),
    });
    portal.ledger.record = () =>
      Promise.reject(new PortalGraphQLError("INSUFFICIENT_SCOPE", 'Service account "chatbot" is read-only'));
    const batch = [hostileSignUp()];
    await expect(listener.handle(batch, { webhookId: "msg_1" })).rejects.toThrow("read-only");
    await expect(listener.handle(batch, { webhookId: "msg_1" })).rejects.toThrow(
      "the chatbot's token must be a read-write service account",
    );
    expect(slack.requests).toHaveLength(1);
    expect(listener.health()).toMatchObject({ status: "down" });
  });
});

describe("a target's own templates", () => {
  it("replace the shared template of their event for that target only", async () => {
    const own = await receiver();
    const shared = await receiver();
    const ownTarget = {
      ...target("own", "generic", ["approval-requested", "user-signed-up"]),
      templates: [
        { event: "approval-requested", title: null, text: "{{api.name}} for {{application.name}}" },
      ],
    };
    const { listener } = await chatbot([ownTarget, target("shared", "generic", ["approval-requested"])], {
      OWN_URL: own.url(),
      SHARED_URL: shared.url(),
    });
    await listener.handle([approvalRequested(), hostileSignUp()], { webhookId: "msg_1" });
    const texts = (receiver: ChatReceiver) =>
      receiver.requests.map((request) => (request.body as { text: string }).text);
    expect(texts(own)[0]).toBe("Orders for Web shop");
    expect(texts(own)[1]).toMatch(/^New user signed up: /);
    expect(texts(shared)).toEqual([expect.stringMatching(/^Web shop \(ann@example\.com\) wants Orders/)]);
  });
});
