import { describe, expect, it } from "vitest";
import { chatEventNames, chatMessageContent, chatTemplateOfEvent } from "./chat-events.js";
import { chatFormatters } from "./chat-formatters.js";
import type { PortalLookups } from "../listener-kit/portal-lookups.js";
import { renderMessageTemplate } from "../listener-kit/message-template.js";
import { sampleChatTemplates, webhookEvent } from "./chatbot.fixture.js";

// The portal's table of chat templates and their variables, loaded at run time (the bridge does not compile
// server code), so a variable the portal allows but the chatbot does not supply fails here, not in a chat.
const catalogUrl = new URL("../../../server/src/static-config/template-catalog.ts", import.meta.url).href;
const { chatTemplateVariables } = (await import(catalogUrl)) as {
  chatTemplateVariables: Record<string, readonly string[]>;
};

const portal = { title: "Acme API Portal", url: "https://portal.example" };
const subscription = {
  subscriptionId: "sub_1",
  applicationId: "web-shop",
  apiId: "orders",
  planId: "gold",
  authMethod: "key-auth",
  requestedBy: "usr_2",
  requesterEmail: "ann@example.com",
};

/** One event of each name the chatbot handles, as the portal writes it (schema/events/). */
const samples = {
  "user.created": [
    { userId: "usr_1", email: "tom@example.com", displayName: "Tom", groups: [], verified: false },
  ],
  "user.verified": [{ userId: "usr_1", email: "tom@example.com", groups: ["developers"] }],
  "application.created": [
    { applicationId: "web-shop", name: "Web shop", clientType: "PUBLIC", redirectUris: [], ownerId: "usr_2" },
  ],
  "application.deleted": [{ applicationId: "web-shop", name: "Web shop" }],
  "subscription.created": [{ ...subscription, status: "pending_approval" }],
  "subscription.deleted": [
    { ...subscription, status: "approved", reason: "unsubscribed", credentialIds: [] },
  ],
  "approval.requested": [
    {
      ...subscription,
      applicationName: "Web shop",
      apiName: "Orders",
      planName: "Gold",
      requiredGroup: null,
    },
  ],
  "subscription.approved": [
    {
      ...subscription,
      previousStatus: "pending_approval",
      automatic: false,
      approvedBy: "usr_9",
      credentialIds: [],
    },
  ],
  "subscription.declined": [{ ...subscription, reason: "Not a partner", declinedBy: "usr_9" }],
  "subscription.provisioning_failed": [
    { ...subscription, reason: "Kong answered 500", reportedBy: "kong-adapter" },
  ],
  "webhook_listener.dead_lettered": [
    { listenerId: "kong-adapter", sequences: [4, 5], eventNames: ["x.y"], attempts: 8, reason: "HTTP 503" },
  ],
} satisfies Record<keyof typeof chatTemplateOfEvent, [Record<string, unknown>]>;

const lookups: PortalLookups = {
  user: (userId) => Promise.resolve(userId === "usr_2" ? { name: "Ann", email: "ann@example.com" } : null),
  subscription: (id) =>
    Promise.resolve(
      id === "sub_1" ? { applicationName: "Web shop", apiName: "Orders", planName: "Gold" } : null,
    ),
  applicationName: () => Promise.resolve(null),
  apiName: () => Promise.resolve(null),
  listener: () => Promise.resolve({ url: "http://kong-adapter:3002/" }),
};

const actor = { kind: "user", id: "usr_2" };

describe("chat messages of portal events", () => {
  it.each(chatEventNames)("%s supplies every variable the portal allows in its template", async (name) => {
    const event = webhookEvent(name, samples[name][0], name === "user.created" ? undefined : actor);
    const content = await chatMessageContent(event, portal, lookups);
    expect(content?.template).toBe(chatTemplateOfEvent[name]);
    const allowed = chatTemplateVariables[content?.template ?? ""] ?? [];
    expect(allowed.length).toBeGreaterThan(0);
    const everything = allowed.map((variable) => `{{${variable}}}`).join(" ");
    expect(() => renderMessageTemplate(everything, content?.values ?? {}, (value) => value)).not.toThrow();
    for (const [type, formatter] of Object.entries(chatFormatters)) {
      const template = sampleChatTemplates().get(content?.template ?? "");
      expect(template, `deploy/config/templates/chat/${content?.template}.yaml`).toBeDefined();
      expect(
        () =>
          renderMessageTemplate(template?.text ?? "", content?.values ?? {}, (v) =>
            formatter.escape(v, "text"),
          ),
        type,
      ).not.toThrow();
    }
  });

  it("links go to the page of the message: the user, the application, the approvals inbox, the webhooks", async () => {
    const link = async (name: keyof typeof samples) =>
      (await chatMessageContent(webhookEvent(name, samples[name][0]), portal, lookups))?.link;
    expect(await link("user.created")).toBe("https://portal.example/admin/users/usr_1");
    expect(await link("application.created")).toBe("https://portal.example/applications/web-shop");
    expect(await link("approval.requested")).toBe("https://portal.example/approvals");
    expect(await link("subscription.provisioning_failed")).toBe(
      "https://portal.example/applications/web-shop",
    );
    expect(await link("webhook_listener.dead_lettered")).toBe("https://portal.example/admin/webhooks");
  });

  it("names what the payload only identifies, and shows ids for what the portal no longer knows", async () => {
    const approved = await chatMessageContent(
      webhookEvent("subscription.approved", samples["subscription.approved"][0], actor),
      portal,
      lookups,
    );
    expect(approved?.values).toMatchObject({
      "user.name": "Ann",
      "application.name": "Web shop",
      "api.name": "Orders",
      "plan.name": "Gold",
    });
    const gone = await chatMessageContent(
      webhookEvent(
        "subscription.deleted",
        { ...samples["subscription.deleted"][0], subscriptionId: "sub_gone" },
        actor,
      ),
      portal,
      lookups,
    );
    expect(gone?.values).toMatchObject({
      "application.name": "web-shop",
      "api.name": "orders",
      "plan.name": "gold",
      "user.name": "Ann",
    });
    const failing = await chatMessageContent(
      webhookEvent("webhook_listener.dead_lettered", samples["webhook_listener.dead_lettered"][0]),
      portal,
      lookups,
    );
    expect(failing?.values).toMatchObject({
      "listener.id": "kong-adapter",
      "listener.url": "http://kong-adapter:3002/",
      failures: 8,
      lastError: "HTTP 503",
    });
  });

  it("a user created by an administrator or at boot is no sign-up; other events are not messages", async () => {
    const created = samples["user.created"][0];
    expect(
      await chatMessageContent(webhookEvent("user.created", created, actor), portal, lookups),
    ).toBeNull();
    expect(
      await chatMessageContent(
        webhookEvent("user.created", created, { kind: "system", id: "system:boot" }),
        portal,
        lookups,
      ),
    ).toBeNull();
    expect(await chatMessageContent(webhookEvent("access_token.created", {}), portal, lookups)).toBeNull();
  });
});
