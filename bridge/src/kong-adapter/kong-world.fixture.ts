import { pino } from "pino";
import { startKongDouble, type KongDouble } from "../kong-double/kong-double.js";
import { PortalGraphQLClient } from "../listener-kit/portal-graphql-client.js";
import type { WebhookEvent } from "../portal-client.js";
import { PortalCalls } from "../testing/portal-calls.js";
import { adminCredentials, listenerToken, PortalProcess } from "../testing/processes.js";
import { loadKongAdapterConfig, type KongAdapterConfig } from "./kong-adapter-config.js";
import { createKongAdapterListener, type KongAdapterListener } from "./kong-adapter.listener.js";

const TAP = "kong-tap";

/**
 * A real portal (its own process, sample configuration), the Kong Admin API double, and the administrator's
 * GraphQL calls that make subscriptions happen. Events reach the adapter as the bridge would deliver them: the
 * portal's own event objects, pulled from a tap listener registered for the adapter's filter.
 */
export class KongWorld {
  private cookie = "";
  private constructor(
    readonly portal: PortalProcess,
    readonly kong: KongDouble,
    private readonly calls: PortalCalls,
  ) {}

  static async start(options: { database?: "postgres" | "off" } = {}): Promise<KongWorld> {
    const [portal, kong] = await Promise.all([
      PortalProcess.start(),
      startKongDouble({ checkRequests: true, ...(options.database ? { database: options.database } : {}) }),
    ]);
    const world = new KongWorld(portal, kong, new PortalCalls(() => portal.url));
    await world.calls.register(TAP, "http://127.0.0.1:9/", ["subscription.*", "application.updated"]);
    return world;
  }

  config(overrides: Record<string, string> = {}): KongAdapterConfig {
    return loadKongAdapterConfig({
      KONG_ADMIN_URL: this.kong.url,
      KONG_ADAPTER_PORTAL_URL: this.portal.url,
      KONG_ADAPTER_TOKEN: listenerToken,
      KONG_ADAPTER_INSTALLATION: "acme",
      KONG_ADAPTER_RECONCILE_INTERVAL_SECONDS: "0",
      KONG_ADAPTER_ATTEMPTS: "3",
      KONG_ADAPTER_BACKOFF_BASE_MS: "5",
      KONG_ADAPTER_BACKOFF_MAX_MS: "20",
      ...overrides,
    });
  }

  adapter(overrides: Record<string, string> = {}): KongAdapterListener {
    const config = this.config(overrides);
    return createKongAdapterListener(config, {
      logger: pino({ level: "silent" }),
      graphql: new PortalGraphQLClient(config.portalUrl, config.token),
    });
  }

  /** The events committed since the last call, as the bridge would deliver them (and acknowledged at the tap). */
  async events(): Promise<WebhookEvent[]> {
    const pending = await this.calls.rest<WebhookEvent[]>("GET", `/webhooks/events/${TAP}?limit=1000`);
    if (pending.body.length > 0) await this.calls.rest("DELETE", `/webhooks/events/${TAP}`);
    return pending.body;
  }

  async graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    if (this.cookie === "") await this.signIn();
    const response = await fetch(`${this.portal.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: this.cookie },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  }

  async createApplication(
    id: string,
    options: { clientType?: string; redirectUris?: string[] } = {},
  ): Promise<void> {
    await this.graphql(
      `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } } }`,
      {
        input: {
          id,
          name: id,
          clientType: options.clientType ?? "CONFIDENTIAL",
          redirectUris: options.redirectUris ?? ["https://example.com/callback"],
        },
      },
    );
  }

  async subscribe(
    applicationId: string,
    apiId: string,
    planId: string,
  ): Promise<{ id: string; status: string }> {
    const data = await this.graphql<{ subscribe: { subscription: { id: string; status: string } } }>(
      `mutation ($input: SubscribeInput!) { subscribe(input: $input) { subscription { id status } } }`,
      { input: { applicationId, apiId, planId } },
    );
    return data.subscribe.subscription;
  }

  async mutate(name: string, input: Record<string, unknown>): Promise<void> {
    const inputType = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
    const selection = ["updateApplication", "deleteApplication", "unsubscribe"].includes(name)
      ? "__typename"
      : "subscription { id }";
    await this.graphql(`mutation ($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input,
    });
  }

  async subscription(id: string): Promise<{
    status: string;
    statusReason: string | null;
    credentials: { apiKey: string | null; clientId: string | null; expiresAt: string | null }[];
  }> {
    const data = await this.graphql<{
      subscription: {
        status: string;
        statusReason: string | null;
        credentials: { apiKey: string | null; clientId: string | null; expiresAt: string | null }[] | null;
      };
    }>(
      `query ($id: ID!) { subscription(id: $id) { status statusReason credentials { apiKey clientId expiresAt } } }`,
      { id },
    );
    return { ...data.subscription, credentials: data.subscription.credentials ?? [] };
  }

  async stop(): Promise<void> {
    await Promise.all([this.portal.remove(), this.kong.close()]);
  }

  private async signIn(): Promise<void> {
    const response = await fetch(`${this.portal.url}/graphql`, {
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
}
