import type { VirtualHostClient } from "./virtual-host-client.js";

interface RawAnswer {
  readonly status: number;
  readonly setCookies: readonly string[];
  readonly body: string;
}

type Send = (body: string, cookie: string) => Promise<RawAnswer>;

export class GraphQLRequestError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`GraphQL request failed with HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

/**
 * A signed-in (or anonymous) portal user speaking GraphQL over HTTP, either straight to one replica or through the
 * load balancer's portal host. The session cookie can be handed to another session to prove it works elsewhere.
 */
export class PortalSession {
  cookie = "";

  private constructor(private readonly send: Send) {}

  /** Straight to one replica, e.g. `http://127.0.0.1:41234`. */
  static direct(baseUrl: string): PortalSession {
    return new PortalSession(async (body, cookie) => {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
        body,
      });
      return {
        status: response.status,
        setCookies: response.headers.getSetCookie(),
        body: await response.text(),
      };
    });
  }

  /** Through HAProxy's portal host over TLS. */
  static through(client: VirtualHostClient): PortalSession {
    return new PortalSession(async (body, cookie) => {
      const response = await client.send("POST", "/graphql", {
        headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
        body,
      });
      const setCookies = [response.headers["set-cookie"] ?? []].flat();
      return { status: response.status, setCookies, body: response.body };
    });
  }

  async signIn(email: string, password: string): Promise<void> {
    const answer = await this.send(
      JSON.stringify({
        query: `mutation ($email: String!, $password: String!) { signIn(input: { email: $email, password: $password }) { expiresAt } }`,
        variables: { email, password },
      }),
      "",
    );
    const cookie = answer.setCookies.find((c) => c.startsWith("portal_session="));
    if (!cookie) throw new GraphQLRequestError(answer.status, answer.body);
    this.cookie = cookie.split(";")[0] ?? "";
  }

  /** Runs an operation that must succeed; throws GraphQLRequestError on a non-200 answer or GraphQL errors. */
  async ok<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
    const answer = await this.send(JSON.stringify({ query, variables }), this.cookie);
    if (answer.status !== 200) throw new GraphQLRequestError(answer.status, answer.body);
    const body = JSON.parse(answer.body) as { data?: Data; errors?: unknown[] };
    if (body.errors?.length || body.data === undefined)
      throw new GraphQLRequestError(answer.status, answer.body);
    return body.data;
  }

  /** Creates a personal access token named `name`: one committed write with an `access_token.created` event. */
  async createAccessToken(name: string): Promise<void> {
    await this.ok(
      `mutation ($name: String!) { createAccessToken(input: { name: $name, scope: READ }) { accessToken { id } } }`,
      { name },
    );
  }

  async viewerEmail(): Promise<string | null> {
    const data = await this.ok<{ viewer: { email: string } | null }>(`{ viewer { email } }`);
    return data.viewer?.email ?? null;
  }
}
