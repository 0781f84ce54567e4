import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from "../testing/portal-test-server.js";
import {
  chromiumAvailable,
  CHROMIUM_PATH,
  focusedElementId,
  largestContentfulPaint,
  launchChromium,
} from "./browser-harness.js";
import { checkedWidths, pageChecker } from "./page-checks.js";
import { ensurePortalBuild } from "./portal-build.js";

// The web portal end to end: the built portal served by the real server, driven in Debian's Chromium.
if (!chromiumAvailable) {
  process.stderr.write(
    `\n*** Browser tests of the web portal SKIPPED: no Chromium at ${CHROMIUM_PATH} ***\n\n`,
  );
}

/** Screenshots of every checked page at both widths (kept by CI as artifacts; ignored by git). */
const SCREENSHOT_DIR = fileURLToPath(new URL("../../../test-results/screenshots/portal", import.meta.url));

describe.skipIf(!chromiumAvailable)("web portal in Chromium", () => {
  let server: PortalTestServer;
  let browser: Browser;
  const consoleProblems: string[] = [];
  const expectAccessible = pageChecker(SCREENSHOT_DIR);

  beforeAll(async () => {
    ensurePortalBuild();
    [server, browser] = await Promise.all([startPortalTestServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newContext(width: number, height: number): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width, height }, baseURL: server.url });
    context.on("console", (message) => {
      if (message.type() === "error") consoleProblems.push(message.text());
    });
    return context;
  }

  for (const size of checkedWidths) {
    it(`catalog loads and filters at ${size.width} px, within the JavaScript budget`, async () => {
      const context = await newContext(size.width, size.height);
      const page = await context.newPage();
      const scripts: Promise<{ body: Buffer; encoding: string | undefined; transferred: number }>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() !== "script") return;
        scripts.push(
          Promise.all([response.body(), response.request().sizes()]).then(([body, sizes]) => ({
            body,
            encoding: response.headers()["content-encoding"],
            transferred: sizes.responseBodySize,
          })),
        );
      });
      await page.goto("/apis");
      await page.getByRole("heading", { level: 1, name: "APIs" }).waitFor();
      await page.locator(".api-list li").first().waitFor();
      const allCount = await page.locator(".api-list > li").count();
      expect(allCount).toBeGreaterThan(1);

      const lcp = await largestContentfulPaint(page);
      const loadedScripts = await Promise.all(scripts);
      const gzippedJs = loadedScripts.reduce((sum, script) => sum + gzipSync(script.body).length, 0);
      const transferredJs = loadedScripts.reduce((sum, script) => sum + script.transferred, 0);
      process.stdout.write(
        `web portal catalog at ${size.width} px: ${(gzippedJs / 1024).toFixed(1)} KB gzipped JavaScript ` +
          `(${loadedScripts.length} files; ${(transferredJs / 1024).toFixed(1)} KB transferred as ` +
          `${loadedScripts.map((script) => script.encoding ?? "identity").join(", ")}), ` +
          `Largest Contentful Paint ${lcp.toFixed(0)} ms\n`,
      );
      expect(gzippedJs).toBeLessThan(120 * 1024);
      expect(transferredJs).toBeLessThanOrEqual(gzippedJs);
      for (const script of loadedScripts) expect(["br", "gzip"]).toContain(script.encoding);
      expect(lcp).toBeGreaterThan(0);
      await expectAccessible(page, `catalog (opened at ${size.width} px)`);

      // Tag filter: every listed API carries the tag, and the count shrinks.
      const tagSelect = page.getByLabel("Tag", { exact: true });
      const firstTag = await tagSelect.locator("option").nth(1).getAttribute("value");
      expect(firstTag).toBeTruthy();
      await tagSelect.selectOption(firstTag);
      await page.waitForURL(`**/apis?tag=${encodeURIComponent(firstTag!)}`);
      await expect
        .poll(async () => {
          const items = await page.locator(".api-list > li").all();
          const tags = await Promise.all(items.map((item) => item.locator(".tags li").allTextContents()));
          return tags.length > 0 && tags.every((list) => list.includes(firstTag!));
        })
        .toBe(true);

      // Search: an unlikely word finds nothing, and the page says so.
      await tagSelect.selectOption("");
      await page.getByLabel("Search").fill("zzz-no-such-api");
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByText("0 APIs match").waitFor();
      await expectAccessible(page, `empty catalog (opened at ${size.width} px)`);

      // API detail with its plans.
      await page.getByLabel("Search").fill("");
      await page.getByRole("button", { name: "Search" }).click();
      await page.locator(".api-list h2 a").first().click();
      await page.getByRole("heading", { level: 2, name: "Plans" }).waitFor();
      await expectAccessible(page, `API detail (opened at ${size.width} px)`);
      await context.close();
    });
  }

  it("says when the connection is lost and recovers when it is back", async () => {
    const context = await newContext(1280, 900);
    const page = await context.newPage();
    await page.goto("/apis");
    await page.locator(".api-list > li").first().waitFor({ timeout: 5000 });
    await context.setOffline(true);
    await page.getByText("You are offline.").waitFor({ timeout: 5000 });
    await page.getByLabel("Search").fill("logistics");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText("The portal cannot reach its server.").waitFor({ timeout: 5000 });
    await expectAccessible(page, "catalog offline");
    await context.setOffline(false);
    // Back online, the catalog loads again by itself.
    await page.getByText("1 API match").waitFor({ timeout: 5000 });
    expect(await page.getByText("You are offline.").count()).toBe(0);
    expect(await page.getByText("The portal cannot reach its server.").count()).toBe(0);
    await context.close();
  });

  /** A verified account made over the API (the sign-up pages are driven by the test below). */
  async function verifiedAccount(email: string, password: string, displayName: string): Promise<void> {
    const api = server.client();
    await api.ok(`mutation ($input: SignUpInput!) { signUp(input: $input) { email } }`, {
      input: { email, password, displayName, profile: [{ field: "name", value: displayName }] },
    });
    const mail = await server.lastEvent("user.verification_requested", (p) => p.email === email);
    await api.ok(`mutation ($input: EmailLinkInput!) { verifyEmail(input: $input) { email } }`, {
      input: { token: new URL(mail.link).searchParams.get("token") },
    });
  }

  /** The path and query of a link from an e-mail (the configured base URL is not the test server's). */
  const pathOfLink = (link: string) => `${new URL(link).pathname}${new URL(link).search}`;

  it("forgot password, the e-mailed reset link, a new password, sign in with it, delete the account", async () => {
    const email = `forgetful-${Date.now()}@example.com`;
    await verifiedAccount(email, "Old-password-2024", "Fran Forgetful");
    const context = await newContext(1280, 900);
    const page = await context.newPage();

    await page.goto("/signin");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { level: 1, name: "Forgot password" }).waitFor();
    await expectAccessible(page, "forgot password");
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect.poll(() => page.locator("#email-error").textContent()).toContain("e-mail address");
    await expectAccessible(page, "forgot password with a field error");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByText("has an account, we sent a link").waitFor();
    await expectAccessible(page, "forgot password sent");

    const mail = await server.lastEvent("user.password_reset_requested", (p) => p.email === email);
    await page.goto(pathOfLink(mail.link));
    await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
    await expectAccessible(page, "reset password");
    await page.getByLabel("New password", { exact: true }).fill("New-password-2025");
    await page.getByLabel("New password again").fill("Something-else");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect.poll(() => page.locator("#confirmation-error").textContent()).toContain("same");
    await expect.poll(() => focusedElementId(page)).toBe("confirmation");
    await expectAccessible(page, "reset password with a field error");
    await page.getByLabel("New password again").fill("New-password-2025");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByText("Your password is changed").waitFor();
    await expectAccessible(page, "password reset done");

    // The link is single use.
    await page.goto(pathOfLink(mail.link));
    await page.getByLabel("New password", { exact: true }).fill("Third-password-2026");
    await page.getByLabel("New password again").fill("Third-password-2026");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByText("This link is not valid").waitFor();

    await page.goto("/signin");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill("New-password-2025");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "My applications" }).waitFor();

    // Delete the account from the profile (password and the browser's confirmation); signing in fails afterwards.
    await page.getByRole("link", { name: "Profile" }).click();
    await page.getByLabel("Password (to confirm it is you)", { exact: true }).fill("New-password-2025");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.getByText("Your account is deleted and you are signed out.").waitFor();
    await page.getByRole("link", { name: "Sign in" }).first().waitFor();
    await expectAccessible(page, "account deleted");
    await page.goto("/signin");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill("New-password-2025");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("The e-mail address or password is not correct.").waitFor();
    await context.close();
  }, 60_000);

  it("profile: edit the display name, create an access token shown once, copy it, revoke it, change the e-mail address", async () => {
    const email = `scripter-${Date.now()}@example.com`;
    const password = "Scripter-password-2024";
    await verifiedAccount(email, password, "Sam Scripter");
    const context = await newContext(1280, 900);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "My applications" }).waitFor();

    await page.getByRole("link", { name: "Profile" }).click();
    await page.getByRole("heading", { level: 1, name: "Your profile" }).waitFor();
    await page.getByText("You have no access tokens.").waitFor();
    await expectAccessible(page, "profile");

    await page.getByLabel("Display name").fill("Sam the Scripter");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Your profile is saved.").waitFor();
    await page.getByText("Signed in as Sam the Scripter").waitFor();

    // Wrong current password: the server's answer is shown.
    await page.getByLabel("Current password", { exact: true }).fill("not-my-password");
    await page.getByLabel("New password", { exact: true }).fill("Another-password-2025");
    await page.getByLabel("New password again").fill("Another-password-2025");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("The current password is not correct.").waitFor();
    await expect.poll(() => focusedElementId(page)).toBe("currentPassword");

    await page.getByRole("button", { name: "Create token" }).click();
    await expect.poll(() => page.locator("#tokenName-error").textContent()).toContain("must not be empty");
    await expectAccessible(page, "profile with a token field error");
    await page.getByLabel("Token name").fill("nightly report");
    await page.getByLabel("Read and write").check();
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("new-access-token");
    await shown.waitFor();
    const token = (await shown.textContent()) ?? "";
    expect(token).toMatch(/^pat_/);
    await page.getByText("it is shown only this once").waitFor();
    const listed = page.locator(".token").filter({ hasText: "nightly report" });
    await listed.getByText("Read and write").waitFor();
    await expectAccessible(page, "profile with a new token");
    await page.getByRole("button", { name: "Copy token" }).click();
    await page.getByText("Copied.").waitFor();
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).toBe(token);

    // The token works for scripts until it is revoked.
    const script = server.client({ bearer: token });
    expect((await script.ok<{ viewer: { email: string } }>(`{ viewer { email } }`)).viewer.email).toBe(email);

    // Shown once: after a reload only its prefix is listed.
    await page.reload();
    await listed.waitFor();
    expect(await page.getByTestId("new-access-token").count()).toBe(0);
    expect(await listed.textContent()).toContain(token.slice(0, 12));
    expect(await listed.textContent()).not.toContain(token);

    page.once("dialog", (dialog) => void dialog.accept());
    await listed.getByRole("button", { name: "Revoke nightly report" }).click();
    await page.getByText('The token "nightly report" is revoked.').waitFor();
    await page.getByText("You have no access tokens.").waitFor();
    await expectAccessible(page, "profile after revoking");
    expect((await script.request(`{ viewer { email } }`)).errors?.length ?? 0).toBeGreaterThan(0);

    // E-mail change: a link goes to the new address; following it switches the account.
    const newEmail = `renamed-${Date.now()}@example.com`;
    await page.getByLabel("New e-mail address").fill(newEmail);
    await page.getByLabel("Current password (to confirm it is you)").fill(password);
    await page.getByRole("button", { name: "Send confirmation link" }).click();
    await page.getByText("We sent a confirmation link to").waitFor();
    await expectAccessible(page, "profile with an e-mail change sent");
    const change = await server.lastEvent("user.email_change_requested", (p) => p.newEmail === newEmail);
    await page.goto(pathOfLink(change.link));
    await page.getByText(`Your e-mail address is now ${newEmail}`).waitFor();
    await expectAccessible(page, "confirm e-mail change");
    await context.close();
  }, 60_000);

  it("sign up, verify by the e-mailed link, sign in, create an application, subscribe to a free plan, see the key", async () => {
    const context = await newContext(1280, 900);
    const page = await context.newPage();
    const email = `dev-${Date.now()}@example.com`;
    const password = "Developer-password-2024";

    await page.goto("/");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expectAccessible(page, "home");

    await page.getByRole("link", { name: "Sign up" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Sign up" }).waitFor();
    await expectAccessible(page, "sign up");
    // Client-side validation with the server's rules, shown next to the fields.
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect.poll(() => page.locator("#email-error").textContent()).toContain("e-mail address");
    await expectAccessible(page, "sign up with field errors");

    await page.getByLabel("Display name").fill("Dana Developer");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign up" }).click();
    // The sample configuration requires profile fields the form learns from the server's field errors.
    for (let round = 0; round < 3; round++) {
      const outcome = await Promise.race([
        page
          .getByText("We sent a verification link")
          .waitFor()
          .then(() => "sent" as const),
        page
          .locator("[id^='profile-'][aria-invalid='true']")
          .first()
          .waitFor()
          .then(() => "profile" as const),
      ]);
      if (outcome === "sent") break;
      await expectAccessible(page, "sign up with server field errors");
      for (const input of await page.locator("input[id^='profile-'][aria-invalid='true']").all()) {
        await input.fill("Dana Developer");
      }
      await page.getByRole("button", { name: "Sign up" }).click();
    }
    await page.getByText("We sent a verification link").waitFor();

    const mail = await server.lastEvent("user.verification_requested", (p) => p.email === email);
    const token = new URL(mail.link).searchParams.get("token");
    expect(token).toBeTruthy();
    await page.goto(`/verify-email?token=${encodeURIComponent(token!)}`);
    await page.getByText("is verified").waitFor();
    await expectAccessible(page, "verify e-mail");

    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill("wrong-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("The e-mail address or password is not correct.").waitFor();
    await expectAccessible(page, "sign in with an error");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "My applications" }).waitFor();
    await page.getByText("Signed in as Dana Developer").waitFor();
    await expectAccessible(page, "my applications (empty)");

    await page.getByRole("link", { name: "Register an application" }).click();
    await page.getByRole("heading", { level: 1, name: "Register an application" }).waitFor();
    await page.getByLabel("Application id").fill("Bad Id");
    await page.getByLabel("Name", { exact: true }).fill("Dana's app");
    await page
      .getByLabel("Redirect URIs")
      .fill("https://dana.example/callback\nhttp://dana.example/insecure");
    await page.getByRole("button", { name: "Register application" }).click();
    await expect.poll(() => page.locator("#id-error").textContent()).toContain("lower-case");
    await expect.poll(() => page.locator("#redirectUris-error").textContent()).toContain("Line 2");
    await expect.poll(() => focusedElementId(page)).toBe("id");
    await expectAccessible(page, "new application with field errors");
    await page.getByLabel("Application id").fill("danas-app");
    await page.getByLabel("Redirect URIs (optional)").fill("https://dana.example/callback");
    await page.getByLabel("Single-page application").check();
    await page.getByRole("button", { name: "Register application" }).click();
    await page.getByRole("heading", { level: 1, name: "Dana's app" }).waitFor();
    await page.getByText("Single-page application").waitFor();
    await expectAccessible(page, "application detail");

    // The server's own field errors: the same id again is a conflict.
    await page.goto("/applications/new");
    await page.getByLabel("Application id").fill("danas-app");
    await page.getByLabel("Name", { exact: true }).fill("Again");
    await page.getByRole("button", { name: "Register application" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /conflicts|already/ })
      .waitFor();
    await page.goto("/applications/danas-app");
    await page.getByRole("heading", { level: 1, name: "Dana's app" }).waitFor();

    // Subscribe to a free plan of a key-auth API.
    const apiSelect = page.getByLabel("API", { exact: true });
    const optionValues = await Promise.all(
      (await apiSelect.locator("option").all()).map((option) => option.getAttribute("value")),
    );
    const apiOptions = optionValues.filter((value): value is string => !!value);
    expect(apiOptions.length).toBeGreaterThan(0);
    const keyAuthApi = apiOptions.includes("orders") ? "orders" : apiOptions[0]!;
    await apiSelect.selectOption(keyAuthApi);
    await page.getByRole("radio", { name: "Free" }).check();
    await expectAccessible(page, "subscribe form");
    await page.getByRole("button", { name: "Subscribe", exact: true }).click();
    await page.getByText("Subscribed. Your credentials are shown above.").waitFor();
    // Keys are hidden until revealed.
    await page.getByRole("button", { name: "Reveal API key" }).first().click();
    const apiKey = await page.getByTestId("api-key").first().textContent();
    expect(apiKey?.length ?? 0).toBeGreaterThan(16);
    await expectAccessible(page, "application with a subscription and its key");

    // A plan that needs approval: the pending state is explained, and an approver's decline (here the administrator,
    // over the API) reaches the open page live, with the reason, without reloading.
    await apiSelect.selectOption("payments");
    await page.getByRole("radio", { name: "Premium" }).check();
    await page.getByRole("button", { name: "Subscribe", exact: true }).click();
    await page.getByText("Your request is waiting for approval").waitFor();
    const payments = page.locator(".subscription").filter({ hasText: "Payments API" });
    await payments.getByText("Waiting for approval").waitFor();
    await expectAccessible(page, "application with a pending subscription");
    const approver = server.client();
    await approver.ok(`mutation ($input: SignInInput!) { signIn(input: $input) { expiresAt } }`, {
      input: TEST_ADMIN,
    });
    const queue = await approver.ok<{
      approvals: { edges: { node: { subscription: { id: string }; application: { id: string } } }[] };
    }>(`{ approvals(first: 100) { edges { node { subscription { id } application { id } } } } }`);
    const pending = queue.approvals.edges.find((edge) => edge.node.application.id === "danas-app");
    expect(pending).toBeDefined();
    await approver.ok(
      `mutation ($input: DeclineSubscriptionInput!) { declineSubscription(input: $input) { subscription { id } } }`,
      {
        input: {
          subscriptionId: pending!.node.subscription.id,
          reason: "Premium is for contracted partners.",
        },
      },
    );
    await payments.getByText("Declined", { exact: true }).waitFor();
    await payments.getByText("Reason: Premium is for contracted partners.").waitFor();
    await expectAccessible(page, "application with a declined subscription");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in" }).first().waitFor();
    await page.goto("/applications");
    await page.getByText("Please sign in to see your applications").waitFor();
    await page.goto("/no-such-page");
    await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    await expectAccessible(page, "not found");
    await context.close();

    expect(consoleProblems.filter((text) => /Content Security Policy|Refused/.test(text))).toEqual([]);
  }, 120_000);
});
