import { adminCredentials, listenerToken } from "./processes.js";

/** REST calls to the facade as the listeners' service account, and event production as the administrator. */
export class PortalCalls {
  private cookie = "";

  constructor(private readonly url: () => string) {}

  async rest<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${listenerToken}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === "" ? null : JSON.parse(text)) as T };
  }

  /** Registers a listener for `access_token.*` events (or the given ones) from now on; returns its secret. */
  async register(id: string, url: string, events: string[] = ["access_token.*"]): Promise<string> {
    const answer = await this.rest<{ secret: string }>("PUT", `/webhooks/listeners/${id}`, { url, events });
    if (answer.status !== 201) throw new Error(`registering ${id} failed: ${JSON.stringify(answer)}`);
    return answer.body.secret;
  }

  /** Commits one `access_token.created` event whose payload `name` is `marker`. */
  async event(marker: string): Promise<void> {
    if (this.cookie === "") await this.signIn();
    await this.graphql(
      `mutation ($name: String!) { createAccessToken(input: { name: $name, scope: READ }) { accessToken { id } } }`,
      { name: marker },
    );
  }

  private async signIn(): Promise<void> {
    const response = await fetch(`${this.url()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation ($email: String!, $password: String!) { signIn(input: { email: $email, password: $password }) { expiresAt } }`,
        variables: adminCredentials,
      }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("portal_session="));
    if (!cookie) throw new Error(`signing in failed: ${await response.text()}`);
    this.cookie = cookie.split(";")[0] ?? "";
  }

  private async graphql(query: string, variables: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${this.url()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: this.cookie },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors?.length) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  }
}
