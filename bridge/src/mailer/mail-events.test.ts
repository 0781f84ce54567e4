import { describe, expect, it } from "vitest";
import type { WebhookEvent } from "../portal-client.js";
import { composeMail } from "./mail-compose.js";
import { mailEventNames, plannedMails, type MailContext } from "./mail-events.js";
import { MemoryMailPortal } from "./mailer.fixture.js";

// The portal's table of e-mail templates and their variables, loaded at run time (the bridge does not compile
// server code), so a variable the portal allows but the mailer does not supply fails here, not in a mail.
const catalogUrl = new URL("../../../server/src/static-config/template-catalog.ts", import.meta.url).href;
const { emailTemplateVariables } = (await import(catalogUrl)) as {
  emailTemplateVariables: Record<string, readonly string[]>;
};

const subscription = {
  subscriptionId: "sub_1",
  applicationId: "acme-web",
  apiId: "orders",
  planId: "basic",
  authMethod: "key-auth",
  requestedBy: "usr_ann",
  requesterEmail: "ann@example.com",
};
const link = { link: "https://portal.example/x?token=t", expiresAt: "2026-05-01T11:00:00.000Z" };

/** One event of each name the mailer handles, as the portal writes it (schema/events/). */
const samples: Record<(typeof mailEventNames)[number], Record<string, unknown>> = {
  "user.verification_requested": { userId: "usr_ann", email: "ann@example.com", displayName: "Ann", ...link },
  "user.password_reset_requested": {
    userId: "usr_ann",
    email: "ann@example.com",
    displayName: "Ann",
    ...link,
  },
  "user.email_change_requested": {
    userId: "usr_ann",
    email: "ann@example.com",
    newEmail: "ann@new.example",
    displayName: "Ann",
    ...link,
  },
  "approval.requested": {
    ...subscription,
    applicationName: "Web",
    apiName: "Orders",
    planName: "Gold",
    requiredGroup: null,
  },
  "subscription.approved": {
    ...subscription,
    previousStatus: "pending_approval",
    automatic: false,
    approvedBy: "usr_9",
    credentialIds: [],
  },
  "subscription.declined": { ...subscription, reason: "Not a partner", declinedBy: "usr_9" },
  "subscription.provisioned": { ...subscription, reportedBy: "kong-adapter" },
  "subscription.credentials_rotated": {
    ...subscription,
    status: "approved",
    newCredentialIds: ["c2"],
    previousCredentials: [{ credentialId: "c1", expiresAt: "2026-05-03T10:00:00.000Z" }],
  },
  "webhook_listener.dead_lettered": {
    listenerId: "kong-adapter",
    sequences: [1],
    eventNames: ["subscription.approved"],
    attempts: 8,
    reason: "HTTP 503",
  },
};

function contextWith(portal: MemoryMailPortal): MailContext {
  return {
    portalTitle: "Acme API Portal",
    portalUrl: "https://portal.example",
    lookups: portal.lookups,
    now: () => new Date("2026-05-01T10:00:00.000Z"),
  };
}

function portalWithPeople(): MemoryMailPortal {
  const portal = new MemoryMailPortal();
  const ann = { userId: "usr_ann", email: "ann@example.com", name: "Ann", locale: null };
  portal.users.set("usr_ann", ann);
  portal.owners.set("acme-web", [ann]);
  portal.adminList = [{ userId: "usr_admin", email: "admin@acme.example", name: "Admin", locale: null }];
  return portal;
}

describe("the mails of each event", () => {
  it("supply exactly the variables the portal's catalog allows, and every catalog template is sent", async () => {
    const portal = portalWithPeople();
    const sent = new Set<string>();
    for (const [index, name] of mailEventNames.entries()) {
      const event: WebhookEvent = {
        id: `e${index}`,
        sequence: index + 1,
        name,
        occurredAt: "2026-05-01T10:00:00.000Z",
        payload: samples[name],
      };
      const mails = await plannedMails(contextWith(portal), event);
      expect(mails.length, name).toBeGreaterThan(0);
      for (const mail of mails) {
        sent.add(mail.template);
        expect(Object.keys(mail.values).sort(), `${name} → ${mail.template}`).toEqual(
          [...(emailTemplateVariables[mail.template] ?? ["(not in the catalog)"])].sort(),
        );
        // Every sample template variant renders with these values.
        const settings = await portal.settings();
        for (const variant of settings.emailTemplates.filter((t) => t.template === mail.template)) {
          const rendered = composeMail(
            settings,
            { ...mail, recipient: { ...mail.recipient, locale: variant.locale } },
            event.sequence,
          );
          expect(rendered.subject.length).toBeGreaterThan(0);
        }
      }
    }
    expect([...sent].sort()).toEqual(Object.keys(emailTemplateVariables).sort());
  });

  it("builds links from the portal URL and hours from the event's time", async () => {
    const portal = portalWithPeople();
    const event = (name: string, payload: Record<string, unknown>): WebhookEvent => ({
      id: "e",
      sequence: 1,
      name,
      occurredAt: "2026-05-01T10:00:00.000Z",
      payload,
    });
    const [approval] = await plannedMails(
      contextWith(portal),
      event("approval.requested", samples["approval.requested"]),
    );
    expect(approval?.values["link"]).toBe("https://portal.example/approvals?subscription=sub_1");
    expect(approval?.recipient.email).toBe("admin@acme.example");
    const [reset] = await plannedMails(
      contextWith(portal),
      event("user.password_reset_requested", samples["user.password_reset_requested"]),
    );
    expect(reset?.values["expiresInHours"]).toBe(1);
    const [change] = await plannedMails(
      contextWith(portal),
      event("user.email_change_requested", samples["user.email_change_requested"]),
    );
    expect(change?.recipient.email).toBe("ann@new.example");
    const automatic = await plannedMails(
      contextWith(portal),
      event("subscription.approved", { ...samples["subscription.approved"], automatic: true }),
    );
    expect(automatic).toEqual([]);
    const noOverlap = await plannedMails(
      contextWith(portal),
      event("subscription.credentials_rotated", {
        ...samples["subscription.credentials_rotated"],
        previousCredentials: [{ credentialId: "c1", expiresAt: "2026-05-01T09:00:00.000Z" }],
      }),
    );
    expect(noOverlap).toEqual([]);
  });
});
