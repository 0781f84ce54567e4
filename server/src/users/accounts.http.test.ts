import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../testing/backends.js";
import { postgresAvailability } from "../testing/postgres.js";
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from "../testing/portal-test-server.js";

/**
 * Accounts end to end over HTTP, as a browser uses them: the whole portal on an ephemeral port, links taken from
 * the outbox events the mailer would send, the session carried in the cookie.
 */
const signUp = `mutation ($input: SignUpInput!) { signUp(input: $input) { userId email } }`;
const verify = `mutation ($token: String!) { verifyEmail(input: { token: $token }) { email } }`;
const signIn = `mutation ($email: String!, $password: String!) {
  signIn(input: { email: $email, password: $password }) { expiresAt viewer { id email emailVerified } }
}`;
const viewer = `query { viewer { id email displayName emailVerified isAdmin isApprover groups { id name }
  profile { field label required value } createdAt } }`;
const signOut = `mutation { signOut { signedOut } }`;

const password = "Sample-password-42";
const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";

describe("accounts over HTTP", async () => {
  const postgres = await postgresAvailability();
  for (const backend of backends) {
    describe.skipIf(backend === "postgres" && !postgres.available)(backend, () => {
      let server: PortalTestServer;
      beforeAll(async () => {
        server = await startPortalTestServer({ backend });
      });
      afterAll(async () => {
        await server?.stop();
      });

      it("signs up, verifies through the e-mailed link, signs in with the cookie, reads the viewer, signs out", async () => {
        const browser = server.client();
        const created = await browser.ok<{ signUp: { userId: string; email: string } }>(signUp, {
          input: {
            email: "Grace@Example.com",
            password,
            displayName: "Grace Hopper",
            profile: [{ field: "name", value: "Grace Brewster Hopper" }],
          },
        });
        expect(created.signUp.email).toBe("grace@example.com");

        const mail = await server.lastEvent(
          "user.verification_requested",
          (p) => p.email === "grace@example.com",
        );
        expect(mail.link).toMatch(/^http:\/\/localhost:3000\/verify-email\?token=[\w-]{43}$/);
        await browser.ok(verify, { token: tokenOf(mail.link) });

        const signInResult = await browser.request<{
          signIn: { viewer: { email: string; emailVerified: boolean } };
        }>(signIn, { email: "grace@example.com", password });
        expect(signInResult.errors).toEqual([]);
        expect(signInResult.data?.signIn.viewer).toMatchObject({
          email: "grace@example.com",
          emailVerified: true,
        });
        const cookie = signInResult.headers.getSetCookie().find((c) => c.startsWith("portal_session="));
        expect(cookie).toMatch(/HttpOnly/i);
        expect(cookie).toMatch(/SameSite=Lax/i);
        expect(cookie).not.toMatch(/Secure/i); // plain HTTP here; Secure over TLS

        const me = await browser.ok<{ viewer: Record<string, unknown> }>(viewer);
        expect(me.viewer).toMatchObject({
          id: created.signUp.userId,
          email: "grace@example.com",
          displayName: "Grace Hopper",
          emailVerified: true,
          isAdmin: false,
          isApprover: false,
          groups: [{ id: "developers", name: "Developers" }],
        });
        expect(me.viewer.profile).toEqual([
          { field: "name", label: "Full name", required: true, value: "Grace Brewster Hopper" },
          { field: "company", label: "Company", required: false, value: null },
          { field: "phone", label: "Phone", required: false, value: null },
        ]);

        expect((await browser.ok<{ signOut: { signedOut: boolean } }>(signOut)).signOut.signedOut).toBe(true);
        expect((await browser.ok<{ viewer: unknown }>(viewer)).viewer).toBeNull();
      });

      it("lets the first administrator find and disable a user, whose session stops working at once", async () => {
        const admin = server.client();
        await admin.ok(signIn, TEST_ADMIN);
        const user = server.client();
        await user.ok(signUp, {
          input: {
            email: "linus@example.com",
            password,
            displayName: "Linus",
            profile: [{ field: "name", value: "L" }],
          },
        });
        await user.ok(signIn, { email: "linus@example.com", password });
        expect((await user.ok<{ viewer: { emailVerified: boolean } }>(viewer)).viewer.emailVerified).toBe(
          false,
        );

        const found = await admin.ok<{
          users: { totalCount: number; edges: { node: { id: string; isAdmin: boolean } }[] };
        }>(
          `query { users(first: 10, filter: { search: "linus" }) { totalCount edges { node { id email isAdmin } } } }`,
        );
        expect(found.users.totalCount).toBe(1);
        const id = found.users.edges[0]?.node.id;
        await admin.ok(
          `mutation ($id: ID!) { disableUser(input: { userId: $id }) { user { disabledAt } } }`,
          { id },
        );
        // A stale session cookie makes the browser anonymous again (a bearer token would be refused instead).
        expect((await user.ok<{ viewer: unknown }>(viewer)).viewer).toBeNull();
        expect(await user.errorCode(signIn, { email: "linus@example.com", password })).toBe(
          "ACCOUNT_DISABLED",
        );
      });

      it("resets a lost password through the e-mailed link and ends the old session", async () => {
        const browser = server.client();
        await browser.ok(signUp, {
          input: {
            email: "ada@example.com",
            password,
            displayName: "Ada",
            profile: [{ field: "name", value: "A" }],
          },
        });
        await browser.ok(signIn, { email: "ada@example.com", password });
        const anonymous = server.client();
        await anonymous.ok(
          `mutation { requestPasswordReset(input: { email: "ada@example.com" }) { accepted } }`,
        );
        const mail = await server.lastEvent(
          "user.password_reset_requested",
          (p) => p.email === "ada@example.com",
        );
        await anonymous.ok(
          `mutation ($token: String!) { resetPassword(input: { token: $token, newPassword: "Another-password-7" }) { endedSessions } }`,
          { token: tokenOf(mail.link) },
        );
        expect((await browser.ok<{ viewer: unknown }>(viewer)).viewer).toBeNull();
        await anonymous.ok(signIn, { email: "ada@example.com", password: "Another-password-7" });
      });

      it("answers too many failed sign-ins with RATE_LIMITED and a retry-after value", async () => {
        const client = server.client();
        for (let i = 0; i < 10; i++) {
          expect(
            await client.errorCode(signIn, { email: "target@example.com", password: `wrong-${i}` }),
          ).toBe("INVALID_CREDENTIALS");
        }
        const limited = await client.request(signIn, { email: "target@example.com", password: "wrong" });
        expect(limited.errors[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
        expect(limited.errors[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(800);
      });
    });
  }
});
