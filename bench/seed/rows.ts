import { randomBytes, randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import { newApiKey, newClientSecret } from "../../server/src/credentials/credential-secrets.js";
import type { KeyRing } from "../../server/src/crypto/key-ring.js";
import { sealSecret } from "../../server/src/crypto/secret-box.js";
import type { Tables } from "../../server/src/database/tables.js";

/** Rows shaped as the portal's repositories write them (see `server/src/{users,applications,subscriptions}/`). */
export type Row<T extends keyof Tables> = Insertable<Tables[T]>;

/** APIs of the sample configuration (`deploy/config/apis/`) that issue credentials, with how they do. */
export type CredentialKind = "api_key" | "oauth2";

export interface UserSpec {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly passwordHash: string | null;
  readonly at: string;
}

export function userRow(user: UserSpec): Row<"users"> {
  return {
    id: user.id,
    email: user.email.toLowerCase(),
    password_hash: user.passwordHash,
    email_verified_at: user.at,
    display_name: user.displayName,
    profile: "{}",
    disabled_at: null,
    created_at: user.at,
    updated_at: user.at,
  };
}

export interface ApplicationSpec {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly at: string;
}

/** A confidential client with one https redirect URI (so OAuth2 APIs with authorization code accept it). */
export function applicationRow(application: ApplicationSpec): Row<"applications"> {
  return {
    id: application.id,
    name: application.name,
    description: `Seeded application ${application.id} for load tests.`,
    client_type: "confidential",
    redirect_uris: JSON.stringify([`https://${application.id}.bench.example/callback`]),
    created_by: application.ownerId,
    created_at: application.at,
    updated_at: application.at,
  };
}

export function memberRow(
  applicationId: string,
  userId: string,
  role: "owner" | "collaborator" | "reader",
  at: string,
): Row<"application_members"> {
  return { application_id: applicationId, user_id: userId, role, added_at: at };
}

export interface SubscriptionSpec {
  readonly applicationId: string;
  readonly apiId: string;
  readonly planId: string;
  readonly requestedBy: string;
  /** Who approved; null for automatic approval (as `subscribe` stores it). */
  readonly approvedBy: string | null;
  readonly provisioned: boolean;
  readonly credential: CredentialKind;
  readonly at: string;
}

/** The rows of one approved (or provisioned) subscription: itself, its status history and its credential. */
export interface SubscriptionRows {
  readonly subscription: Row<"subscriptions">;
  readonly history: Row<"subscription_status_history">[];
  readonly credential: Row<"credentials">;
}

/**
 * An approved subscription with its current credential, the secret sealed with AES-256-GCM under the ring's
 * current key and the context `credential:<id>` exactly as `credentials/credential-issuer.ts` does, so the portal
 * decrypts it.
 */
export function subscriptionRows(ring: KeyRing, spec: SubscriptionSpec): SubscriptionRows {
  const id = randomUUID();
  const status = spec.provisioned ? "provisioned" : "approved";
  const history: Row<"subscription_status_history">[] = [
    {
      id: randomUUID(),
      subscription_id: id,
      status: "approved",
      reason: null,
      actor_id: spec.approvedBy ?? spec.requestedBy,
      at: spec.at,
    },
  ];
  if (spec.provisioned) {
    history.push({
      id: randomUUID(),
      subscription_id: id,
      status: "provisioned",
      reason: null,
      actor_id: "bench-gateway",
      at: spec.at,
    });
  }
  const credentialId = randomUUID();
  const secret = spec.credential === "api_key" ? newApiKey() : newClientSecret();
  const sealed = sealSecret(ring, secret, `credential:${credentialId}`);
  return {
    subscription: {
      id,
      application_id: spec.applicationId,
      api_id: spec.apiId,
      plan_id: spec.planId,
      status,
      status_reason: null,
      status_changed_at: spec.at,
      requested_by: spec.requestedBy,
      approved_at: spec.at,
      approved_by: spec.approvedBy,
      created_at: spec.at,
      updated_at: spec.at,
    },
    history,
    credential: {
      id: credentialId,
      subscription_id: id,
      kind: spec.credential,
      client_id: spec.credential === "oauth2" ? randomBytes(16).toString("hex") : null,
      secret_ciphertext: sealed.ciphertext,
      secret_key_id: sealed.keyId,
      created_at: spec.at,
      expires_at: null,
      revoked_at: null,
    },
  };
}
