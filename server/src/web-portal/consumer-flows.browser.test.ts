import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOutbox } from "../mail-outbox/mail-outbox.js";
import { readProcessEnvironment } from "../runtime-config/environment.js";
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from "../testing/portal-test-server.js";
import { chromiumAvailable, CHROMIUM_PATH, focusedElementId, launchChromium } from "./browser-harness.js";
import { pageChecker } from "./page-checks.js";
import { ensurePortalBuild } from "./portal-build.js";

// The developer's side of the web portal end to end, in Debian's Chromium against the real server: sign up,
// applications and their members, subscriptions and credentials, the API reference's "try it", and an approver's
// decline reaching the requester's open page live.
if (!chromiumAvailable) {
  process.stderr.write(
    `\n*** Browser tests of the web portal's consumer flows SKIPPED: no Chromium at ${CHROMIUM_PATH} ***\n\n`,
  );
}

/** The gateway adapter's service account, which reports provisioning outcomes. */
const ADAPTER_TOKEN = "consumer-flows-adapter-token-0123456789abcdef";
/** The bridge's delivery account: the bridge process hosts the mailer, which writes mails to the outbox. */
const BRIDGE_TOKEN = "consumer-flows-bridge-token-0123456789abcdefg";

/** The bridge process with only the mailer, writing to `outbox` (the embedded default without SMTP). */
function startMailingBridge(portalUrl: string, outbox: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx/esm", "bridge/src/main.ts"], {
    cwd: fileURLToPath(new URL("../../../", import.meta.url)),
    env: {
      ...readProcessEnvironment(),
      BRIDGE_PORTAL_URL: portalUrl,
      BRIDGE_TOKEN,
      BRIDGE_LISTENERS: "mailer",
      MAILER_OUTBOX_DIR: outbox,
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
}

const SCREENSHOT_DIR = fileURLToPath(new URL("../../../test-results/screenshots/consumer", import.meta.url));

/** Stands in for the API gateway: answers CORS preflights and records the requests "try it" sends. */
async function startFakeGateway(): Promise<{ url: string; requests: IncomingHttpHeaders[]; server: Server }> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    response.setHeader("access-control-allow-origin", request.headers.origin ?? "*");
    response.setHeader("access-control-allow-headers", "x-apikey, content-type, accept");
    response.setHeader("access-control-allow-methods", "GET, POST, PATCH, DELETE");
    if (request.method === "OPTIONS") {
      response.writeHead(204).end();
      return;
    }
    requests.push({ ...request.headers, ":path": request.url });
    response.writeHead(200, { "content-type": "application/json" }).end("[]");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

describe.skipIf(!chromiumAvailable)("web portal consumer flows in Chromium", () => {
  let server: PortalTestServer;
  let browser: Browser;
  let gateway: Awaited<ReturnType<typeof startFakeGateway>>;
  let bridge: ChildProcess | undefined;
  let outbox: string;
  const consoleProblems: string[] = [];
  const expectAccessible = pageChecker(SCREENSHOT_DIR);

  beforeAll(async () => {
    ensurePortalBuild();
    gateway = await startFakeGateway();
    outbox = await mkdtemp(path.join(tmpdir(), "consumer-flows-outbox-"));
    [server, browser] = await Promise.all([
      startPortalTestServer({
        env: {
          API_GATEWAY_URL: gateway.url,
          PORTAL_SERVICE_ACCOUNTS: `adapter:read-write:${ADAPTER_TOKEN},bridge:read-write:${BRIDGE_TOKEN}`,
        },
      }),
      launchChromium(),
    ]);
    bridge = startMailingBridge(server.url, outbox);
    // The mailer starts at "now" when it registers: sign-ups before that would never be mailed.
    const deadline = Date.now() + 60_000;
    const registered = () =>
      fetch(`${server.url}/webhooks/listeners/mailer`, {
        headers: { authorization: `Bearer ${BRIDGE_TOKEN}` },
      }).then((answer) => answer.ok);
    while (!(await registered())) {
      if (Date.now() > deadline) throw new Error("the bridge did not register its mailer within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 120_000);

  afterAll(async () => {
    if (bridge && bridge.exitCode === null) {
      const exited = new Promise((resolve) => bridge?.once("exit", resolve));
      bridge.kill("SIGTERM");
      await exited;
    }
    await rm(outbox, { recursive: true, force: true });
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => gateway?.server.close(resolve));
  });

  async function newContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: server.url });
    context.on("console", (message) => {
      if (message.type() === "error") consoleProblems.push(message.text());
    });
    return context;
  }

  /** A verified account made over the API (the sign-up page itself is driven by the first test). */
  async function verifiedAccount(email: string, password: string, displayName: string): Promise<void> {
    const api = server.client();
    await api.ok(`mutation ($input: SignUpInput!) { signUp(input: $input) { email } }`, {
      input: { email, password, displayName, profile: [{ field: "name", value: displayName }] },
    });
    // The verification link from the event log (the mail itself goes out through the bridge's mailer).
    const mail = await server.lastEvent("user.verification_requested", (p) => p.email === email);
    await api.ok(`mutation ($input: EmailLinkInput!) { verifyEmail(input: $input) { email } }`, {
      input: { token: new URL(mail.link).searchParams.get("token") },
    });
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto("/signin");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "My applications" }).waitFor();
  }

  async function registerApplication(page: Page, id: string, name: string): Promise<void> {
    await page.goto("/applications/new");
    await page.getByLabel("Application id").fill(id);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Register application" }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
  }

  async function subscribeTo(page: Page, apiId: string, plan: string): Promise<void> {
    await page.getByLabel("API", { exact: true }).selectOption(apiId);
    await page.getByRole("radio", { name: plan }).check();
    await page.getByRole("button", { name: "Subscribe", exact: true }).click();
  }

  it("sign up with the rules shown up front, verify, sign in, subscribe, reveal and rotate the key, try the API with it", async () => {
    const context = await newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    const email = `keyholder-${Date.now()}@example.com`;
    const password = "Keyholder-password-2024";

    // The sign-up form knows the password policy and the profile fields before anything is sent.
    await page.goto("/signup");
    await page.getByText("12 to 128 characters, with a digit.").waitFor();
    await page.getByLabel("Full name").waitFor();
    await page.getByLabel("Display name").fill("Kim Keyholder");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill("no-digits-in-here");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect.poll(() => page.locator("#password-error").textContent()).toContain("must contain a digit");
    await expect.poll(() => page.locator("#profile-name-error").textContent()).toContain("must not be empty");
    await expect.poll(() => focusedElementId(page)).toBe("password");
    await expectAccessible(page, "sign up with policy errors");
    await page.getByLabel("Password").fill(password);
    await page.getByLabel("Full name").fill("Kim Keyholder");
    await page.getByLabel("Company (optional)").fill("Keys & Co");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByText("We sent a verification link").waitFor();

    // The verification mail as the mailer wrote it (through the bridge process), and the link in it.
    const mailTo = async () => (await listOutbox(outbox)).find((mail) => mail.to.includes(email));
    await expect.poll(mailTo, { timeout: 30_000 }).toBeDefined();
    const link = (await mailTo())?.links.find((candidate) => candidate.includes("/verify-email"));
    expect(link).toBeDefined();
    await page.goto(`${new URL(link ?? "").pathname}${new URL(link ?? "").search}`);
    await page.getByText("is verified").waitFor();
    await signIn(page, email, password);

    await registerApplication(page, "kims-app", "Kim's app");
    await subscribeTo(page, "orders", "Free");
    await page.getByText("Subscribed. Your credentials are shown above.").waitFor();
    const orders = page.locator(".subscription").filter({ hasText: "Orders API" });

    // The gateway adapter's receipts reach the open page live: a failure with its reason, then success.
    const approved = await server.lastEvent("subscription.approved", (p) => p.applicationId === "kims-app");
    const adapter = server.client({ bearer: ADAPTER_TOKEN });
    const report = `mutation ($input: ReportProvisioningInput!) { reportProvisioning(input: $input) { subscription { status } } }`;
    await adapter.ok(report, {
      input: {
        subscriptionId: approved.subscriptionId,
        status: "PROVISIONING_FAILED",
        reason: "Kong answered 503",
      },
    });
    await orders.getByText("Provisioning failed", { exact: true }).waitFor({ timeout: 10_000 });
    await orders.getByText("Reason: Kong answered 503").waitFor();
    await expectAccessible(page, "application with a failed provisioning");
    await adapter.ok(report, { input: { subscriptionId: approved.subscriptionId, status: "PROVISIONED" } });
    await orders.getByText("Provisioned", { exact: true }).waitFor({ timeout: 10_000 });
    await orders.locator("summary", { hasText: "History" }).click();
    await orders.getByText(/Provisioning failed \(Kong answered 503\)/).waitFor();

    // Hidden until revealed; copy works without revealing.
    expect(await orders.getByTestId("api-key").count()).toBe(0);
    await expectAccessible(page, "application with a hidden key");
    await orders.getByRole("button", { name: "Reveal API key" }).click();
    const firstKey = (await orders.getByTestId("api-key").textContent()) ?? "";
    expect(firstKey.length).toBeGreaterThan(16);
    await orders.getByRole("button", { name: "Copy API key" }).click();
    await orders.getByText("API key copied.").waitFor();
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).toBe(firstKey);

    // Rotate with the default overlap (24 hours): both keys are listed, the old one with its end.
    expect(await orders.getByLabel("Keep the current credentials working for").inputValue()).toBe("86400");
    await orders.getByRole("button", { name: "Rotate credentials" }).click();
    await orders.getByText("the previous ones keep working until the time shown").waitFor();
    await orders.getByTestId("old-credential").waitFor();
    expect(await orders.getByTestId("current-credential").count()).toBe(1);
    await expect.poll(() => orders.getByText(/Previous, works until/).count()).toBe(1);
    await expectAccessible(page, "application after a rotation with overlap");
    await orders.getByTestId("current-credential").getByRole("button", { name: "Reveal API key" }).click();
    const secondKey =
      (await orders.getByTestId("current-credential").getByTestId("api-key").textContent()) ?? "";
    expect(secondKey).not.toBe(firstKey);
    expect(secondKey.length).toBeGreaterThan(16);

    // Rotate again with no overlap: only the newest key is left.
    await orders.getByLabel("Keep the current credentials working for").selectOption("0");
    page.once("dialog", (dialog) => void dialog.accept());
    await orders.getByRole("button", { name: "Rotate credentials" }).click();
    await orders.getByText("the old ones no longer work").waitFor();
    await expect.poll(() => orders.getByTestId("old-credential").count()).toBe(0);
    await orders.getByRole("button", { name: "Reveal API key" }).click();
    const thirdKey = (await orders.getByTestId("api-key").textContent()) ?? "";
    expect([firstKey, secondKey]).not.toContain(thirdKey);

    // The API reference (lazy-loaded) tries the API at the gateway with the key of this subscription.
    await page.getByRole("link", { name: "Orders API" }).click();
    await page.getByRole("heading", { level: 2, name: "Reference" }).waitFor();
    const keyPicker = page.getByLabel('API key for "Try it out"');
    await keyPicker.waitFor();
    expect(await keyPicker.locator("option").allTextContents()).toEqual(["Kim's app"]);
    const listOrders = page.locator(".opblock").filter({ hasText: "List orders" }).first();
    await listOrders.locator(".opblock-summary").first().click();
    await listOrders.getByRole("button", { name: "Try it out" }).click();
    await listOrders.getByRole("button", { name: "Execute" }).click();
    await expect.poll(() => gateway.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(gateway.requests.at(-1)?.["x-apikey"]).toBe(thirdKey);
    expect(gateway.requests.at(-1)?.[":path"]).toMatch(/^\/orders\/v2\/orders/);
    await listOrders.locator(".responses-wrapper .live-responses-table").waitFor();
    await expectAccessible(page, "API reference after try it");

    // Change to a plan without approval: credentials stay; then unsubscribe.
    await page.goto("/applications/kims-app");
    await orders.getByLabel("Change plan").selectOption("basic");
    await orders.getByRole("button", { name: "Change plan" }).click();
    await page.getByText("The plan is now Basic; your credentials stay the same.").waitFor();
    await orders.getByText("Plan: Basic").waitFor();
    page.once("dialog", (dialog) => void dialog.accept());
    await orders.getByRole("button", { name: "Unsubscribe from Orders API" }).click();
    await page.getByText("This application has no subscriptions yet.").waitFor();
    await context.close();

    expect(consoleProblems.filter((text) => /Content Security Policy|Refused/.test(text))).toEqual([]);
  }, 120_000);

  it("the API reference renders accessibly at both widths, for visitors too", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto("/apis/orders");
    await page.locator(".api-reference .opblock").first().waitFor();
    await page.getByText("to try this API with the key of one of your applications").waitFor();
    await expectAccessible(page, "API reference");
    await context.close();
    expect(consoleProblems.filter((text) => /Content Security Policy|Refused/.test(text))).toEqual([]);
  }, 60_000);

  it("an approver declines in another browser; the requester's open page shows it live with the reason", async () => {
    const email = `requester-${Date.now()}@example.com`;
    await verifiedAccount(email, "Requester-password-2024", "Rita Requester");
    const requesterContext = await newContext();
    const requester = await requesterContext.newPage();
    await signIn(requester, email, "Requester-password-2024");
    await registerApplication(requester, "ritas-app", "Rita's app");
    // Payments uses the authorization_code flow: without a redirect URI the form says what is missing.
    await subscribeTo(requester, "payments", "Premium");
    await requester.getByText("add a redirect URI to application").waitFor();
    await requester.getByRole("link", { name: "Settings and members" }).click();
    await requester.getByLabel("Redirect URIs (optional)").fill("https://rita.example/callback");
    await requester.getByRole("button", { name: "Save application" }).click();
    await requester.getByText("The application is saved.").waitFor();
    await requester.getByRole("link", { name: "Back to Rita's app" }).click();
    await subscribeTo(requester, "payments", "Premium");
    await requester.getByText("Your request is waiting for approval").waitFor();
    const payments = requester.locator(".subscription").filter({ hasText: "Payments API" });
    await payments.getByText("Waiting for approval", { exact: true }).waitFor();

    const approverContext = await newContext();
    const approver = await approverContext.newPage();
    await approver.goto("/signin");
    await approver.getByLabel("E-mail address").fill(TEST_ADMIN.email);
    await approver.getByLabel("Password").fill(TEST_ADMIN.password);
    await approver.getByRole("button", { name: "Sign in" }).click();
    await approver.getByRole("heading", { level: 1, name: "My applications" }).waitFor();
    await approver.getByRole("link", { name: "Approvals" }).click();
    const request = approver.locator(".approval").filter({ hasText: "Rita's app" });
    await request.waitFor();
    await request.getByLabel("Reason for declining").fill("Premium is for contracted partners.");
    await request.getByRole("button", { name: "Decline" }).click();

    // No reload on the requester's side.
    await payments.getByText("Declined", { exact: true }).waitFor({ timeout: 10_000 });
    await payments.getByText("Reason: Premium is for contracted partners.").waitFor();
    await expectAccessible(requester, "requester sees the decline live");

    // Changing to a plan without approval approves at once, with credentials.
    await payments.getByLabel("Change plan").selectOption("basic");
    await payments.getByRole("button", { name: "Change plan" }).click();
    await payments.getByText("Client id").waitFor();
    await payments.getByRole("button", { name: "Reveal client secret" }).waitFor();
    await approverContext.close();
    await requesterContext.close();
  }, 90_000);

  it("edit an application, its redirect URIs and members (last-owner rule), then delete it", async () => {
    const stamp = Date.now();
    const owner = { email: `owner-${stamp}@example.com`, password: "Owner-password-2024" };
    const colleague = { email: `colleague-${stamp}@example.com`, password: "Colleague-password-2024" };
    await verifiedAccount(owner.email, owner.password, "Olga Owner");
    await verifiedAccount(colleague.email, colleague.password, "Carl Colleague");
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, owner.email, owner.password);
    await registerApplication(page, `olgas-app-${stamp}`, "Olga's app");
    await page.getByRole("link", { name: "Settings and members" }).click();
    await page.getByRole("heading", { level: 1, name: "Settings of Olga's app" }).waitFor();
    await expectAccessible(page, "application settings");

    // Edit: the redirect URI rules are the server's, and a bad line is named.
    await page.getByLabel("Name", { exact: true }).fill("Olga's shop");
    await page.getByLabel("Single-page application").check();
    await page
      .getByLabel("Redirect URIs (optional)")
      .fill("https://shop.example/callback\njavascript:alert(1)");
    await page.getByRole("button", { name: "Save application" }).click();
    await expect.poll(() => page.locator("#redirectUris-error").textContent()).toContain("Line 2");
    await expect.poll(() => focusedElementId(page)).toBe("redirectUris");
    await expectAccessible(page, "application settings with a field error");
    await page.getByLabel("Redirect URIs (optional)").fill("https://shop.example/callback");
    await page.getByRole("button", { name: "Save application" }).click();
    await page.getByText("The application is saved.").waitFor();
    await page.getByRole("heading", { level: 1, name: "Settings of Olga's shop" }).waitFor();

    // Members: an unknown address is refused; the colleague joins as collaborator.
    await page.getByLabel("E-mail address of the new member").fill(`nobody-${stamp}@example.com`);
    await page.getByRole("button", { name: "Add member" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /does not exist|not find|no account|may not see/i })
      .first()
      .waitFor();
    await page.getByLabel("E-mail address of the new member").fill(colleague.email);
    await page.getByLabel("Collaborator").check();
    await page.getByRole("button", { name: "Add member" }).click();
    await page.getByText("Carl Colleague is now a member.").waitFor();
    const carl = page.locator(".member").filter({ hasText: "Carl Colleague" });
    await carl.getByText("Collaborator").first().waitFor();

    // The only owner cannot step down: the server's LAST_OWNER answer is explained.
    const olga = page.locator(".member").filter({ hasText: "Olga Owner" });
    await olga.getByLabel("Role of Olga Owner").selectOption("READER");
    await olga.getByRole("button", { name: "Change role" }).click();
    await olga.getByText("Every application needs an owner").waitFor();
    await expectAccessible(page, "application settings with the last-owner error");

    // Once Carl is an owner too, Olga may step down to reader.
    await carl.getByLabel("Role of Carl Colleague").selectOption("OWNER");
    await carl.getByRole("button", { name: "Change role" }).click();
    await carl.getByText("Owner").first().waitFor();
    await olga.getByLabel("Role of Olga Owner").selectOption("READER");
    await olga.getByRole("button", { name: "Change role" }).click();
    await page.getByRole("heading", { level: 1, name: "Settings of Olga's shop" }).waitFor();
    await olga.getByText("Reader").first().waitFor();
    // As a reader, Olga sees the members but no longer the edit form or the delete button.
    await expect.poll(() => page.getByRole("button", { name: "Save application" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Delete application" }).count()).toBe(0);
    await context.close();

    // Carl, now an owner, deletes the application after the browser's confirmation.
    const carlContext = await newContext();
    const carlPage = await carlContext.newPage();
    await signIn(carlPage, colleague.email, colleague.password);
    await carlPage.goto(`/applications/olgas-app-${stamp}/settings`);
    carlPage.once("dialog", (dialog) => void dialog.accept());
    await carlPage.getByRole("button", { name: "Delete application" }).click();
    await carlPage.getByRole("heading", { level: 1, name: "My applications" }).waitFor();
    await carlPage.goto(`/applications/olgas-app-${stamp}`);
    await carlPage.getByRole("heading", { level: 1, name: "Application not found" }).waitFor();
    await carlContext.close();
  }, 90_000);
});
