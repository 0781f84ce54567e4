import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../testing/backends.js";
import type { TestGraphQLClient } from "../testing/graphql-client.js";
import { postgresAvailability } from "../testing/postgres.js";
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from "../testing/portal-test-server.js";

/**
 * Applications end to end over HTTP, as browsers use them: the whole portal, users who signed up and verified
 * through the e-mailed links, sessions in cookies.
 */
const password = "Sample-password-42";
const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";

const createApplication = `mutation ($input: CreateApplicationInput!) {
  createApplication(input: $input) { application { id name clientType hasClientSecret redirectUris viewerRole } }
}`;
const addMember = `mutation ($input: AddApplicationMemberInput!) {
  addApplicationMember(input: $input) { member { role user { id email displayName } } }
}`;
const myApplications = `query ($search: String) {
  applications(first: 10, filter: { search: $search }) {
    totalCount edges { node { id viewerRole members { role user { email } } } }
  }
}`;

describe("applications over HTTP", async () => {
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

      async function signedUp(
        name: string,
      ): Promise<{ client: TestGraphQLClient; email: string; id: string }> {
        const client = server.client();
        const email = `${name}@example.com`;
        const created = await client.ok<{ signUp: { userId: string } }>(
          `mutation ($input: SignUpInput!) { signUp(input: $input) { userId } }`,
          { input: { email, password, displayName: name, profile: [{ field: "name", value: name }] } },
        );
        const mail = await server.lastEvent("user.verification_requested", (p) => p.email === email);
        await client.ok(`mutation ($token: String!) { verifyEmail(input: { token: $token }) { email } }`, {
          token: tokenOf(mail.link),
        });
        await client.ok(
          `mutation ($email: String!, $password: String!) { signIn(input: { email: $email, password: $password }) { expiresAt } }`,
          { email, password },
        );
        return { client, email, id: created.signUp.userId };
      }

      it("registers an application, adds a collaborator by e-mail, and enforces roles and the last owner", async () => {
        const owner = await signedUp("olivia");
        const colleague = await signedUp("carl");
        const stranger = await signedUp("sam");

        const created = await owner.client.ok<{
          createApplication: { application: Record<string, unknown> };
        }>(createApplication, {
          input: {
            id: "olivia-shop",
            name: "Olivia's shop",
            description: "Sells *things*.",
            clientType: "CONFIDENTIAL",
            redirectUris: ["https://shop.example/callback", "http://localhost:5173/callback"],
          },
        });
        expect(created.createApplication.application).toEqual({
          id: "olivia-shop",
          name: "Olivia's shop",
          clientType: "CONFIDENTIAL",
          hasClientSecret: true,
          redirectUris: ["https://shop.example/callback", "http://localhost:5173/callback"],
          viewerRole: "OWNER",
        });
        expect(await server.lastEvent("application.created")).toMatchObject({
          applicationId: "olivia-shop",
          ownerId: owner.id,
        });

        const badUris = await owner.client.request(createApplication, {
          input: {
            id: "bad-uris",
            name: "Bad",
            clientType: "PUBLIC_SPA",
            redirectUris: ["https://ok.example/", "https://x.example/#f"],
          },
        });
        expect(badUris.errors[0]?.extensions).toMatchObject({
          code: "VALIDATION_FAILED",
          fields: [{ field: "redirectUris.1", code: "FRAGMENT" }],
        });

        const unknown = await owner.client.request(addMember, {
          input: { applicationId: "olivia-shop", email: "nobody@example.com", role: "READER" },
        });
        expect(unknown.errors[0]?.extensions?.code).toBe("NOT_FOUND");
        expect(unknown.errors[0]?.message).toMatch(/nobody@example\.com/);

        const added = await owner.client.ok<{ addApplicationMember: { member: unknown } }>(addMember, {
          input: { applicationId: "olivia-shop", email: "CARL@example.com", role: "COLLABORATOR" },
        });
        expect(added.addApplicationMember.member).toEqual({
          role: "COLLABORATOR",
          user: { id: colleague.id, email: colleague.email, displayName: "carl" },
        });
        expect(
          await owner.client.errorCode(addMember, {
            input: { applicationId: "olivia-shop", email: colleague.email, role: "READER" },
          }),
        ).toBe("CONFLICT");

        const seenByColleague = await colleague.client.ok<{
          applications: { totalCount: number; edges: { node: Record<string, unknown> }[] };
        }>(myApplications, { search: "SHOP" });
        expect(seenByColleague.applications.totalCount).toBe(1);
        expect(seenByColleague.applications.edges[0]?.node).toEqual({
          id: "olivia-shop",
          viewerRole: "COLLABORATOR",
          members: [
            { role: "OWNER", user: { email: owner.email } },
            { role: "COLLABORATOR", user: { email: colleague.email } },
          ],
        });
        const rename = `mutation { updateApplication(input: { id: "olivia-shop", name: "Mine now" }) { application { name } } }`;
        expect(await colleague.client.errorCode(rename)).toBe("FORBIDDEN");
        expect(await stranger.client.errorCode(rename)).toBe("NOT_FOUND");
        expect(
          (
            await stranger.client.ok<{ application: unknown }>(
              `query { application(id: "olivia-shop") { id } }`,
            )
          ).application,
        ).toBeNull();
        expect(
          (await stranger.client.ok<{ applications: { totalCount: number } }>(myApplications)).applications
            .totalCount,
        ).toBe(0);

        const deleteOwnAccount = `mutation ($password: String!) { deleteAccount(input: { password: $password }) { deletedUserId } }`;
        expect(await owner.client.errorCode(deleteOwnAccount, { password })).toBe("LAST_OWNER");

        const admin = server.client();
        await admin.ok(
          `mutation ($email: String!, $password: String!) { signIn(input: { email: $email, password: $password }) { expiresAt } }`,
          TEST_ADMIN,
        );
        const all = await admin.ok<{ applications: { totalCount: number } }>(
          `query { applications(all: true) { totalCount } }`,
        );
        expect(all.applications.totalCount).toBe(1);
        expect(
          await admin.errorCode(
            `mutation ($id: ID!) { deleteUser(input: { userId: $id }) { deletedUserId } }`,
            { id: owner.id },
          ),
        ).toBe("LAST_OWNER");

        expect(
          await owner.client.ok(
            `mutation { deleteApplication(input: { id: "olivia-shop" }) { deletedApplicationId } }`,
          ),
        ).toEqual({ deleteApplication: { deletedApplicationId: "olivia-shop" } });
        expect(await server.lastEvent("application.deleted")).toEqual({
          applicationId: "olivia-shop",
          name: "Olivia's shop",
        });
        expect(await owner.client.ok(deleteOwnAccount, { password })).toEqual({
          deleteAccount: { deletedUserId: owner.id },
        });
      });
    });
  }
});
