/** The gateway's desired state as the portal API answers it (`gatewayConfiguration`, `gatewayConsumers`). */

export interface DesiredPlugin {
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface DesiredRoute {
  readonly paths: readonly string[];
  readonly hosts: readonly string[];
  readonly methods: readonly string[];
  readonly protocols: readonly string[];
  readonly stripPath: boolean;
  readonly preserveHost: boolean;
}

export interface DesiredApi {
  readonly id: string;
  readonly name: string;
  readonly deprecated: boolean;
  readonly upstream: {
    readonly url: string;
    readonly connectTimeoutMs: number;
    readonly readTimeoutMs: number;
    readonly writeTimeoutMs: number;
    readonly retries: number;
  };
  readonly routes: readonly DesiredRoute[];
  readonly auth: {
    readonly type: "KEY_AUTH" | "OAUTH2" | "NONE";
    readonly keyHeaderName: string | null;
    readonly hideCredentials: boolean;
    readonly oauth2Flows: readonly string[];
    readonly scopes: readonly string[];
    readonly tokenTtlSeconds: number | null;
    readonly refreshTokenTtlSeconds: number | null;
  };
  readonly plugins: readonly DesiredPlugin[];
  readonly planIds: readonly string[];
}

export interface DesiredPlan {
  readonly id: string;
  readonly name: string;
  readonly plugins: readonly DesiredPlugin[];
}

export interface DesiredConfiguration {
  readonly configHash: string;
  readonly apis: readonly DesiredApi[];
  readonly plans: readonly DesiredPlan[];
}

export interface DesiredCredential {
  readonly id: string;
  readonly kind: "API_KEY" | "OAUTH2";
  readonly apiKey: string | null;
  readonly clientId: string | null;
  readonly clientSecret: string | null;
  readonly expiresAt: string | null;
}

export interface DesiredConsumer {
  readonly subscriptionId: string;
  readonly applicationId: string;
  readonly apiId: string;
  readonly planId: string;
  readonly status: "APPROVED" | "PROVISIONED" | "PROVISIONING_FAILED";
  readonly clientType: "CONFIDENTIAL" | "PUBLIC_SPA" | "PUBLIC_NATIVE";
  readonly redirectUris: readonly string[];
  readonly credentials: readonly DesiredCredential[];
}
