import type { GraphQLFormattedError } from "graphql";

export interface GraphQLResult<Data = Record<string, unknown>> {
  readonly status: number;
  readonly data: Data | null;
  readonly errors: readonly GraphQLFormattedError[];
  readonly headers: Headers;
}

export interface GraphQLClientOptions {
  /** `Authorization: Bearer` token (personal access token or service account). */
  readonly bearer?: string;
}

/**
 * A GraphQL-over-HTTP client for tests that behaves like a browser: it keeps the cookies the server sets (the
 * session cookie) and sends them back.
 */
export class TestGraphQLClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly url: string,
    private readonly options: GraphQLClientOptions = {},
  ) {}

  /** Runs an operation; throws only on transport failure, GraphQL errors are returned. */
  async request<Data = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResult<Data>> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.options.bearer) headers.authorization = `Bearer ${this.options.bearer}`;
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    const response = await fetch(`${this.url}/graphql`, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    this.remember(response.headers.getSetCookie());
    const body = (await response.json()) as { data?: Data | null; errors?: GraphQLFormattedError[] };
    return {
      status: response.status,
      data: body.data ?? null,
      errors: body.errors ?? [],
      headers: response.headers,
    };
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<Data = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Data> {
    const result = await this.request<Data>(query, variables);
    if (result.errors.length > 0 || result.data === null) {
      throw new Error(`GraphQL operation failed: ${JSON.stringify(result.errors)}`);
    }
    return result.data;
  }

  /** Runs an operation that must fail and returns the first error's code. */
  async errorCode(query: string, variables: Record<string, unknown> = {}): Promise<string> {
    const result = await this.request(query, variables);
    const code = result.errors[0]?.extensions?.code;
    if (typeof code !== "string") throw new Error(`expected an error, got ${JSON.stringify(result)}`);
    return code;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private remember(setCookies: readonly string[]): void {
    for (const header of setCookies) {
      const [pair = "", ...attributes] = header.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*expires=/i.test(a) && Date.parse(a.split("=")[1] ?? "") < Date.now(),
      );
      if (value === "" || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
