import type { KongAdminClient } from "./kong-admin-client.js";

/** Kong Gateway OSS 3.x: the Admin API this adapter was written and tested for (see docs/kong.md). */
export const SUPPORTED_MAJOR = 3;

export class UnsupportedKongError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedKongError";
  }
}

export interface KongNode {
  readonly version: string;
  /** `off` in DB-less mode. */
  readonly database: string;
}

/** Reads `GET /` and refuses versions other than 3.x, and a database mode that does not match `dbless`. */
export async function checkKongNode(client: KongAdminClient, dbless: boolean): Promise<KongNode> {
  const root = (await client.call("GET", "/")).body as {
    version?: unknown;
    configuration?: { database?: unknown };
  };
  const version = typeof root.version === "string" ? root.version : "unknown";
  const major = Number(/^(\d+)\./.exec(version)?.[1]);
  if (major !== SUPPORTED_MAJOR) {
    throw new UnsupportedKongError(
      `Kong ${version} is not supported: the Kong adapter needs Kong Gateway ${SUPPORTED_MAJOR}.x (its Admin API changed in 3.0: tags, acl allow lists, oauth2 redirect_uris). Upgrade Kong or point KONG_ADMIN_URL at a 3.x node.`,
    );
  }
  const configured = root.configuration?.database;
  const database = typeof configured === "string" ? configured : "unknown";
  if (dbless && database !== "off") {
    throw new UnsupportedKongError(
      `KONG_ADAPTER_DBLESS is on, but Kong ${version} runs with database "${database}"; turn KONG_ADAPTER_DBLESS off`,
    );
  }
  if (!dbless && database === "off") {
    throw new UnsupportedKongError(
      `Kong ${version} runs without a database (DB-less), where entity writes are refused; set KONG_ADAPTER_DBLESS=true`,
    );
  }
  return { version, database };
}
