import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from "../testing/portal-test-server.js";
import type { TestGraphQLClient } from "../testing/graphql-client.js";
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from "./browser-harness.js";
import { pageChecker } from "./page-checks.js";
import { ensurePortalBuild } from "./portal-build.js";

// The approvers' and administrators' pages of the web portal, end to end in Debian's Chromium against a real server.
if (!chromiumAvailable) {
  process.stderr.write(
    `\n*** Browser tests of the portal's admin pages SKIPPED: no Chromium at ${CHROMIUM_PATH} ***\n\n`,
  );
}

/** Screenshots of every checked page at both widths (git-ignored; its own folder, since test files run in parallel). */
const SCREENSHOT_DIR = fileURLToPath(new URL("../../../test-results/screenshots/admin", import.meta.url));

/** The delivery service account, for making a dead letter through the webhook facade as the bridge would. */
const BRIDGE_TOKEN = "bridge-token-admin-pages-0123456789abcdefghij";

const signInMutation = `mutation ($input: SignInInput!) { signIn(input: $input) { expiresAt } }`;

describe.skipIf(!chromiumAvailable)("web portal admin pages in Chromium", () => {
  let server: PortalTestServer;
  let browser: Browser;
  let admin: TestGraphQLClient;
  const expectAccessible = pageChecker(SCREENSHOT_DIR);

  beforeAll(async () => {
    ensurePortalBuild();
    [server, browser] = await Promise.all([
      startPortalTestServer({
        env: {
          PORTAL_SERVICE_ACCOUNTS: `bridge:read-write:${BRIDGE_TOKEN}`,
          PORTAL_WEBHOOK_DELIVERY_ACCOUNTS: "bridge",
        },
      }),
      launchChromium(),
    ]);
    admin = server.client();
    await admin.ok(signInMutation, { input: TEST_ADMIN });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedInPage(credentials: { email: string; password: string }): Promise<{
    context: BrowserContext;
    page: Page;
  }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: server.url });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("E-mail address").fill(credentials.email);
    await page.getByLabel("Password").fill(credentials.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "My applications" }).waitFor();
    return { context, page };
  }

  /** A verified account made over the API; returns its id and a client signed in as it. */
  async function verifiedAccount(email: string, password: string, displayName: string) {
    const client = server.client();
    await client.ok(`mutation ($input: SignUpInput!) { signUp(input: $input) { email } }`, {
      input: { email, password, displayName, profile: [{ field: "name", value: displayName }] },
    });
    const mail = await server.lastEvent("user.verification_requested", (p) => p.email === email);
    await client.ok(`mutation ($input: EmailLinkInput!) { verifyEmail(input: $input) { email } }`, {
      input: { token: new URL(mail.link).searchParams.get("token") },
    });
    await client.ok(signInMutation, { input: { email, password } });
    const { viewer } = await client.ok<{ viewer: { id: string } }>(`{ viewer { id } }`);
    return { id: viewer.id, client };
  }

  async function requestLogisticsPremium(
    requester: TestGraphQLClient,
    applicationId: string,
  ): Promise<string> {
    await requester.ok(
      `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } } }`,
      {
        input: {
          id: applicationId,
          name: `App ${applicationId}`,
          description: "",
          clientType: "CONFIDENTIAL",
        },
      },
    );
    const { subscribe } = await requester.ok<{ subscribe: { subscription: { id: string; status: string } } }>(
      `mutation ($input: SubscribeInput!) { subscribe(input: $input) { subscription { id status } } }`,
      { input: { applicationId, apiId: "logistics", planId: "premium" } },
    );
    expect(subscribe.subscription.status).toBe("PENDING_APPROVAL");
    return subscribe.subscription.id;
  }

  it("an administrator makes a user an approver; the approver sees requests arrive live, declines (the requester's page follows live) and approves", async () => {
    const stamp = Date.now();
    const approverAccount = { email: `approver-${stamp}@example.com`, password: "Approver-password-2024" };
    const approver = await verifiedAccount(approverAccount.email, approverAccount.password, "Avery Approver");
    const requesterAccount = { email: `partner-${stamp}@example.com`, password: "Partner-password-2024" };
    const requester = await verifiedAccount(requesterAccount.email, requesterAccount.password, "Pat Partner");
    // The logistics API is for partners; its approvers must be partners too.
    await admin.ok(
      `mutation ($input: SetUserGroupsInput!) { setUserGroups(input: $input) { user { id } } }`,
      {
        input: { userId: requester.id, groupIds: ["developers", "partners"] },
      },
    );

    // The administrator searches the user and gives them the approver and partner groups.
    const adminBrowser = await signedInPage(TEST_ADMIN);
    const adminPage = adminBrowser.page;
    await adminPage.getByRole("link", { name: "Administration" }).click();
    await adminPage.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
    await expectAccessible(adminPage, "administration overview");
    await adminPage
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Users" })
      .click();
    await adminPage.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    await adminPage.getByText(/\d+ users match/).waitFor();
    await expectAccessible(adminPage, "users");
    await adminPage.getByLabel("Name or e-mail contains").fill(`approver-${stamp}`);
    await adminPage.getByRole("button", { name: "Search" }).click();
    await adminPage.getByText("1 user matches.").waitFor();
    await adminPage.getByRole("link", { name: "Avery Approver" }).click();
    await adminPage.getByRole("heading", { level: 1, name: "Avery Approver" }).waitFor();
    await expectAccessible(adminPage, "user detail");
    await adminPage.getByLabel("Approvers").check();
    await adminPage.getByLabel("Partners").check();
    await adminPage.getByRole("button", { name: "Save groups" }).click();
    await adminPage.getByText("The groups are saved.").waitFor();
    const { user } = await admin.ok<{ user: { groups: { id: string }[]; isApprover: boolean } }>(
      `query ($id: ID!) { user(id: $id) { isApprover groups { id } } }`,
      { id: approver.id },
    );
    expect(user.isApprover).toBe(true);
    expect(user.groups.map((group) => group.id).sort()).toEqual(["approvers", "developers", "partners"]);
    // The group filter finds them.
    await adminPage.goto("/admin/users");
    await adminPage.getByLabel("Group").selectOption("approvers");
    await adminPage.getByRole("button", { name: "Search" }).click();
    await adminPage.getByRole("link", { name: "Avery Approver" }).waitFor();

    // The approver's inbox is empty; a request made now appears without reloading.
    const approverBrowser = await signedInPage(approverAccount);
    const inbox = approverBrowser.page;
    await inbox.getByRole("link", { name: "Approvals" }).click();
    await inbox.getByText("No requests are waiting.").waitFor();
    await expectAccessible(inbox, "approvals empty");
    const declinedId = await requestLogisticsPremium(requester.client, `declined-${stamp}`);
    const declinedCard = inbox.locator(".approval").filter({ hasText: `App declined-${stamp}` });
    await declinedCard.waitFor({ timeout: 10_000 });
    await declinedCard.getByText("Pat Partner").waitFor();
    expect(await declinedCard.getByTestId("waiting").textContent()).toMatch(/\d+ seconds?/);
    await expectAccessible(inbox, "approvals with a request");

    // The requester watches the application page.
    const requesterBrowser = await signedInPage(requesterAccount);
    const requesterPage = requesterBrowser.page;
    await requesterPage.goto(`/applications/declined-${stamp}`);
    const watched = requesterPage.locator(".subscription").filter({ hasText: "Logistics" });
    await watched.getByText("Waiting for approval").waitFor();

    // Declining needs a reason (the server's rule, checked before sending), then the request leaves the inbox.
    await declinedCard.getByRole("button", { name: "Decline" }).click();
    await expect
      .poll(() => declinedCard.locator(`[id="reason-${declinedId}-error"]`).textContent())
      .toContain("must not be empty");
    await expectAccessible(inbox, "approvals with a missing reason");
    await declinedCard
      .getByLabel("Reason for declining")
      .fill("Logistics Premium is for contracted partners.");
    await declinedCard.getByRole("button", { name: "Decline" }).click();
    await inbox.getByText(`Declined App declined-${stamp}'s request`).waitFor();
    await inbox.getByText("No requests are waiting.").waitFor();
    await watched.getByText("Declined").waitFor({ timeout: 10_000 });
    await watched.getByText("Reason: Logistics Premium is for contracted partners.").waitFor();

    // Another request is approved; the requester's subscription is approved.
    const approvedId = await requestLogisticsPremium(requester.client, `approved-${stamp}`);
    const approvedCard = inbox.locator(".approval").filter({ hasText: `App approved-${stamp}` });
    await approvedCard.waitFor({ timeout: 10_000 });
    await approvedCard.getByRole("button", { name: "Approve" }).click();
    await inbox.getByText(`Approved App approved-${stamp}'s request`).waitFor();
    await inbox.getByText("No requests are waiting.").waitFor();
    const { subscription } = await requester.client.ok<{ subscription: { status: string } }>(
      `query ($id: ID!) { subscription(id: $id) { status } }`,
      { id: approvedId },
    );
    expect(["APPROVED", "PROVISIONED"]).toContain(subscription.status);
    await expectAccessible(inbox, "approvals after deciding");

    // The approver is not an administrator: no Administration link, and the pages say so.
    expect(await inbox.getByRole("link", { name: "Administration" }).count()).toBe(0);
    await inbox.goto("/admin/users");
    await inbox.getByText("Only the portal's administrators see these pages.").waitFor();

    // The administrator sees both applications with their statuses, and filters by status.
    await adminPage.goto("/admin/applications");
    await adminPage.getByRole("heading", { level: 1, name: "Applications and subscriptions" }).waitFor();
    await adminPage.getByLabel("Id or name contains").fill(`-${stamp}`);
    await adminPage.getByRole("button", { name: "Search" }).click();
    await adminPage.getByText("2 applications match.").waitFor();
    await expectAccessible(adminPage, "applications overview");
    await adminPage.getByLabel("With a subscription that is").selectOption("DECLINED");
    await adminPage.getByRole("button", { name: "Search" }).click();
    await adminPage.getByText("1 application matches.").waitFor();
    const rows = adminPage.locator(".data-table tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(`declined-${stamp}`);

    // Disable and enable the requester.
    await adminPage.goto(`/admin/users/${encodeURIComponent(requester.id)}`);
    adminPage.once("dialog", (dialog) => void dialog.accept());
    await adminPage.getByRole("button", { name: "Disable account" }).click();
    await adminPage.getByText("The account is disabled.").waitFor();
    await adminPage.getByTestId("user-status").getByText("Disabled since").waitFor();
    expect((await requester.client.request(`{ viewer { id } }`)).data).toEqual({ viewer: null });
    await adminPage.getByRole("button", { name: "Enable account" }).click();
    await adminPage.getByText("The account is enabled again.").waitFor();

    for (const context of [adminBrowser.context, approverBrowser.context, requesterBrowser.context]) {
      await context.close();
    }
  }, 120_000);

  it("an administrator filters the audit log, pages through it and downloads the filtered CSV", async () => {
    const { context, page } = await signedInPage(TEST_ADMIN);
    await page.goto("/admin/audit-log");
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    await page.getByText(/\d+ entr(y|ies) match/).waitFor();
    await expectAccessible(page, "audit log");

    await page.getByLabel("Action").fill("session.");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText(/\d+ entr(y|ies) match/).waitFor();
    await expect
      .poll(async () => {
        const actions = await page.locator(".data-table tbody tr td:nth-child(2)").allTextContents();
        return actions.length > 0 && actions.every((action) => action.startsWith("session."));
      })
      .toBe(true);
    const shown = Number((await page.getByText(/\d+ entr(y|ies) match/).textContent())?.match(/\d+/)?.[0]);
    await expectAccessible(page, "audit log filtered");

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download these entries as CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-log-.*\.csv$/);
    const csv = readFileSync(await download.path(), "utf8");
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length - 1).toBe(shown);
    expect(lines.slice(1).every((line) => line.includes("session."))).toBe(true);

    // Today's entries only, then none after tomorrow.
    const today = new Date();
    const day = (date: Date) =>
      `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
    await page.getByLabel("From day").fill(day(today));
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText(`${shown} ${shown === 1 ? "entry matches" : "entries match"}`).waitFor();
    await page.getByLabel("From day").fill(day(new Date(today.getTime() + 2 * 86_400_000)));
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("0 entries match.").waitFor();

    // Paging: without filters there are more than 25 entries after the other test's changes.
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByText(/\d+ entries match/).waitFor();
    const total = Number((await page.getByText(/\d+ entries match/).textContent())?.match(/\d+/)?.[0]);
    if (total > 25) {
      await page.getByRole("button", { name: "Show more" }).click();
      await expect.poll(() => page.locator(".data-table tbody tr").count()).toBe(Math.min(total, 50));
    }
    await context.close();
  }, 60_000);

  it("an administrator sees the webhook listeners with a dead letter, re-delivers it, and sees the system's health and the mail outbox", async () => {
    // A listener whose first delivery failed and was dead-lettered, exactly as the bridge does it.
    const bridge = (method: string, route: string, body?: unknown) =>
      fetch(`${server.url}${route}`, {
        method,
        headers: { authorization: `Bearer ${BRIDGE_TOKEN}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as never }));
    expect(
      (
        await bridge("PUT", "/webhooks/listeners/crm-sync", {
          url: "http://127.0.0.1:9/hook",
          from: "earliest",
        })
      ).status,
    ).toBe(201);
    expect((await bridge("PUT", "/webhooks/listeners/crm-sync/lease", { holder: "bridge-1" })).status).toBe(
      200,
    );
    const delivery = await bridge("POST", "/webhooks/listeners/crm-sync/deliveries", {
      holder: "bridge-1",
      limit: 1,
    });
    const { deliveryId, attemptId } = delivery.body as { deliveryId: string; attemptId: string };
    await bridge("PUT", `/webhooks/listeners/crm-sync/attempts/${attemptId}`, {
      holder: "bridge-1",
      statusCode: 500,
      error: "HTTP 500",
      durationMs: 7,
    });
    const dead = await bridge("POST", `/webhooks/listeners/crm-sync/deliveries/${deliveryId}/dead-letter`, {
      holder: "bridge-1",
      reason: "HTTP 500 after 1 attempt",
    });
    expect(dead.status).toBe(200);

    const { context, page } = await signedInPage(TEST_ADMIN);
    await page.goto("/admin/webhooks");
    await page.getByRole("heading", { level: 1, name: "Webhook listeners" }).waitFor();
    const card = page.locator(".listener").filter({ hasText: "crm-sync" });
    await card.getByTestId("dead-letter-count").getByText("1").waitFor();
    await card.getByText("HTTP 500").first().waitFor();
    await card.getByText("Failing").waitFor();
    await expectAccessible(page, "webhook listeners");
    await card.getByRole("button", { name: "Show dead letters" }).click();
    await card.getByText("HTTP 500 after 1 attempt").waitFor();
    await expectAccessible(page, "webhook listeners with dead letters");
    await card.getByRole("button", { name: "Re-deliver all dead letters" }).click();
    await card.getByText("1 dead letter is delivered again.").waitFor();
    await card.getByText("(being delivered again)").waitFor();
    const letters = await bridge("GET", "/webhooks/listeners/crm-sync/dead-letters");
    expect((letters.body as { deadLetters: { redeliveryPending: boolean }[] }).deadLetters).toMatchObject([
      { redeliveryPending: true },
    ]);
    // Replay: an empty time is refused in the page; a time in the past makes events pending again.
    await card.getByRole("button", { name: "Replay" }).click();
    await card.getByText("Choose the date and time to deliver again from.").waitFor();
    await card.getByLabel("Deliver again every event since").fill("2020-01-01T00:00");
    await card.getByRole("button", { name: "Replay" }).click();
    await card.getByText(/Replaying: \d+ events are pending again\./).waitFor();

    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "System health" })
      .click();
    await page.getByRole("heading", { level: 1, name: "System health" }).waitFor();
    const table = page.locator(".data-table");
    for (const component of [
      "Server",
      "Database",
      "Event log",
      "Static configuration",
      "Listener crm-sync",
    ]) {
      await table.getByRole("rowheader", { name: component }).waitFor();
    }
    expect(await table.getByRole("row", { name: /Database/ }).textContent()).toContain("OK");
    expect(await table.getByRole("row", { name: /Event log/ }).textContent()).toMatch(/newest event #\d+/);
    expect(await table.getByRole("row", { name: /Listener crm-sync/ }).textContent()).toContain("Problem");
    await page.getByTestId("overall-health").getByText("Something is broken.").waitFor();
    await expectAccessible(page, "system health");

    // The mail outbox lists what the mailer recorded; the FAILED filter keeps only failures.
    const mailer = server.client({ bearer: BRIDGE_TOKEN });
    for (const [status, recipient] of [
      ["SENT", "sent@example.com"],
      ["FAILED", "bounced@example.com"],
    ] as const) {
      await mailer.ok(
        `mutation ($input: RecordOutboundMessageInput!) { recordOutboundMessage(input: $input) { created } }`,
        {
          input: {
            channel: "MAIL",
            eventSequence: 1,
            eventName: "user.verification_requested",
            recipient,
            template: "verify-email",
            subject: "Please verify your e-mail address",
            status,
            ...(status === "FAILED" ? { error: "550 mailbox unavailable", attempts: 3 } : {}),
          },
        },
      );
    }
    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Mail outbox" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Mail outbox" }).waitFor();
    await page.getByText("sent@example.com").waitFor();
    await expectAccessible(page, "mail outbox");
    await page.getByLabel("Status").selectOption("FAILED");
    await page.getByRole("button", { name: "Show" }).click();
    await page.getByText("1 message.").waitFor();
    await page.getByText("Failed: 550 mailbox unavailable").waitFor();
    expect(await page.getByText("sent@example.com").count()).toBe(0);
    await context.close();
  }, 60_000);
});
