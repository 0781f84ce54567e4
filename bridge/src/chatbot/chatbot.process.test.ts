import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PortalGraphQLClient } from "../listener-kit/portal-graphql-client.js";
import { runBuiltInListener, type RunningListener } from "../listener-kit/run-listener.js";
import { PortalCalls } from "../testing/portal-calls.js";
import {
  BridgeProcess,
  PortalProcess,
  adminCredentials,
  listenerToken,
  startProcess,
  waitFor,
} from "../testing/processes.js";
import { ChatReceiver } from "./chat-receiver.fixture.js";
import { loadChatbotConfig } from "./chatbot-config.js";
import { createChatbotListener } from "./chatbot.listener.js";
import { eventually } from "../testing/eventually.js";

interface LedgerRow {
  eventSequence: number;
  eventName: string;
  recipient: string;
  template: string;
  subject: string;
  status: string;
  error: string | null;
}

/**
 * The whole chain with real processes and sockets: the portal (sample configuration, whose `ops-slack` target
 * wants sign-ups) and the bridge as their own processes, the chatbot in this process, Slack a local HTTP server.
 */
describe("chatbot with a real portal and bridge", () => {
  let portal: PortalProcess;
  let bridge: BridgeProcess;
  let chatbot: RunningListener;
  let slack: ChatReceiver;
  let teams: ChatReceiver;
  let client: PortalGraphQLClient;
  let batches = 0;

  beforeAll(async () => {
    portal = await PortalProcess.start();
    slack = await ChatReceiver.start();
    teams = await ChatReceiver.start();
    client = new PortalGraphQLClient(portal.url, listenerToken);
    const config = loadChatbotConfig({
      CHATBOT_PORTAL_URL: portal.url,
      CHATBOT_TOKEN: listenerToken,
      ACME_SLACK_WEBHOOK_URL: slack.url(),
      ACME_TEAMS_WEBHOOK_URL: teams.url("/workflows/abc/triggers/manual/paths/invoke"),
    });
    const logger = pino({ level: "silent" });
    const listener = createChatbotListener(config, { logger });
    const counting = {
      ...listener,
      handle: (...args: Parameters<typeof listener.handle>) => {
        batches++;
        return listener.handle(...args);
      },
    };
    chatbot = await runBuiltInListener(counting, {
      portalUrl: portal.url,
      token: listenerToken,
      logger,
    });
    bridge = await BridgeProcess.start(portal.url);
  });
  afterAll(async () => {
    await bridge?.stop();
    await chatbot?.close();
    await slack?.close();
    await teams?.close();
    await portal?.remove();
  });

  const signUp = async (email: string, name: string): Promise<string> => {
    const response = await fetch(`${portal.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation ($input: SignUpInput!) { signUp(input: $input) { userId } }`,
        variables: {
          input: {
            email,
            password: "Sign-up-password-1234",
            displayName: name,
            profile: [{ field: "name", value: name }],
          },
        },
      }),
    });
    const answer = (await response.json()) as { data?: { signUp: { userId: string } }; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    return answer.data?.signUp.userId ?? "";
  };

  let adminCookie = "";
  const asAdmin = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    if (!adminCookie) {
      const session = await fetch(`${portal.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `mutation ($email: String!, $password: String!) { signIn(input: { email: $email, password: $password }) { expiresAt } }`,
          variables: adminCredentials,
        }),
      });
      adminCookie = (session.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    }
    const response = await fetch(`${portal.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: adminCookie },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  const ledger = async (sequences: number[]) =>
    (
      await client.request<{ outboundMessagesOfEvents: LedgerRow[] }>(
        `query ($sequences: [SafeInt!]!) {
          outboundMessagesOfEvents(channel: CHAT, eventSequences: $sequences) {
            eventSequence eventName recipient template subject status error
          }
        }`,
        { sequences },
      )
    ).outboundMessagesOfEvents;

  it("a sign-up produces one Slack message, recorded as SENT; a replay of the event sends nothing again", async () => {
    const userId = await signUp("dana@example.com", "Dana <Ops> & Co");

    await eventually("the Slack message arrives", () => slack.requests.length === 1);
    const body = slack.requests[0]?.body as { text: string; blocks: { type: string }[] };
    expect(body.text).toContain("New user signed up: Dana &lt;Ops&gt; &amp; Co <dana@example.com>");
    expect(body.text).toContain(`/admin/users/${userId}`);
    expect(body.blocks.map((block) => block.type)).toEqual(["section", "actions"]);

    const calls = new PortalCalls(() => portal.url);
    const events = await calls.rest<{ listeners: { id: string; position: number }[] }>(
      "GET",
      "/webhooks/listeners",
    );
    expect(events.body.listeners.map((listener) => listener.id)).toContain("chatbot");
    let rows: LedgerRow[] = [];
    await eventually("the message is in the ledger", async () => {
      rows = await ledger(Array.from({ length: 200 }, (_, i) => i + 1));
      return rows.length === 1;
    });
    expect(rows[0]).toMatchObject({
      eventName: "user.created",
      recipient: "ops-slack",
      template: "user-signed-up",
      status: "SENT",
      error: null,
    });
    expect(rows[0]?.subject).toContain("New user signed up: Dana <Ops> & Co");

    const batchesBefore = batches;
    const replay = await calls.rest("POST", "/webhooks/listeners/chatbot/replay", {
      from: rows[0]?.eventSequence,
    });
    expect(replay.status).toBeLessThan(300);
    await eventually("the replayed events are acknowledged again", async () => {
      const status = await calls.rest<{ backlog: number }>("GET", "/webhooks/listeners/chatbot");
      return status.body.backlog === 0;
    });
    expect(batches).toBeGreaterThan(batchesBefore);
    expect(slack.requests).toHaveLength(1);
  });

  it("a message Slack refuses is recorded FAILED with the answer, and administrators see it", async () => {
    slack.answer = () => ({ status: 410, body: "channel_is_archived" });
    await signUp("erin@example.com", "Erin");
    await eventually("Slack is asked", () => slack.requests.length === 2);

    let failed: { recipient: string; subject: string; error: string | null; attempts: number }[] = [];
    await eventually("the failure is in the ledger", async () => {
      const data = await asAdmin<{ outboundMessages: { edges: { node: (typeof failed)[number] }[] } }>(
        `{ outboundMessages(filter: { channel: CHAT, status: FAILED }) { edges { node { recipient subject error attempts } } } }`,
      );
      failed = data.outboundMessages.edges.map((edge) => edge.node);
      return failed.length === 1;
    });
    expect(failed[0]).toMatchObject({
      recipient: "ops-slack",
      error: "HTTP 410: channel_is_archived",
      attempts: 1,
    });
    expect(failed[0]?.subject).toMatch(
      /^New user signed up: Erin <erin@example\.com> · http\S+\/admin\/users\/\S+$/,
    );
  });

  it("a subscription waiting for approval reaches Teams as two Adaptive Cards (one from the target's own template), names read from the portal", async () => {
    await asAdmin(
      `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } } }`,
      { input: { id: "web-shop", name: "Web *shop*", clientType: "CONFIDENTIAL" } },
    );
    await asAdmin(`mutation ($input: SubscribeInput!) { subscribe(input: $input) { subscription { id } } }`, {
      input: { applicationId: "web-shop", apiId: "orders", planId: "premium" },
    });
    await eventually("both cards arrive", () => teams.requests.length === 2);
    expect(teams.requests[0]?.path).toBe("/workflows/abc/triggers/manual/paths/invoke");
    type Card = { body: { text: string }[]; actions?: { url: string }[] };
    const cards = teams.requests.map(
      (request) => (request.body as { attachments: { content: Card }[] }).attachments[0]?.content,
    );
    // subscription.created carries ids only: the application, API and plan names come from the portal.
    expect(cards[0]?.body[0]?.text).toMatch(
      /subscribed Web \\\*shop\\\* to Orders API \(Premium\) · http\S+\/applications\/web-shop$/,
    );
    // The Teams target has its own approval-requested template (deploy/config/portal.yaml).
    expect(cards[1]?.body[0]?.text).toBe("Orders API: approval needed");
    expect(cards[1]?.body[1]?.text).toMatch(
      /^\*\*Web \\\*shop\\\*\*\* \(admin@bridge\.test\) asks for the Premium plan\. Decide in the portal: http\S+\/approvals$/,
    );
    expect(cards[1]?.actions?.[0]?.url).toMatch(/\/approvals$/);
  });

  it("runs as its own process: a clear error without a token; otherwise it registers, answers /healthz, stops on SIGTERM", async () => {
    const unconfigured = startProcess("bridge/src/chatbot/main.ts", { CHATBOT_PORTAL_URL: portal.url });
    await unconfigured.exited;
    expect(unconfigured.child.exitCode).toBe(1);
    expect(unconfigured.output()).toContain(
      "CHATBOT_TOKEN=<secret>: is required: the token of a read-write service account (or CHATBOT_TOKEN_FILE)",
    );

    const own = startProcess("bridge/src/chatbot/main.ts", {
      CHATBOT_PORTAL_URL: portal.url,
      CHATBOT_TOKEN: listenerToken,
      CHATBOT_PORT: "0",
      ACME_SLACK_WEBHOOK_URL: slack.url(),
      LOG_LEVEL: "info",
    });
    try {
      const url = await waitFor(
        "the chatbot's start",
        () => /"url":"(http:[^"]+)","msg":"chatbot listening"/.exec(own.output())?.[1],
        30_000,
        own,
      );
      expect(own.output()).toContain("ACME_TEAMS_WEBHOOK_URL (the target's webhook URL) is not set");
      const health = await fetch(`${url}healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: "degraded",
        detail: { targets: ["ops-slack", "api-team"], disabledTargets: ["api-team"] },
      });
    } finally {
      own.child.kill("SIGTERM");
      await own.exited;
    }
    expect(own.child.exitCode).toBe(0);
  });
});
