import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { clientHasSecret } from "../applications/client-type.js";
import type { ClientType } from "../applications/application.types.js";
import type { KeyRingSource } from "../crypto/key-ring-source.js";
import { openSecret, sealSecret } from "../crypto/secret-box.js";
import type { Tables } from "../database/tables.js";
import type { ApiAuth } from "../static-config/static-config.js";
import { newApiKey, newClientId, newClientSecret } from "./credential-secrets.js";
import { insertCredential } from "./credential.repository.js";
import type { Credential, RevealedCredential } from "./credential.types.js";

/** What a credential is made for. */
export interface CredentialTarget {
  readonly subscriptionId: string;
  readonly auth: ApiAuth;
  readonly clientType: ClientType;
}

/** The encryption context of a credential's secret: a stored secret moved to another row does not decrypt. */
function secretContext(credentialId: string): string {
  return `credential:${credentialId}`;
}

/**
 * Makes and stores credentials (call it with the transaction of the approval, rotation or plan change) and
 * decrypts them for display. Key-auth APIs get an API key; OAuth2 APIs a client id, plus a client secret for
 * confidential clients. APIs without authentication get nothing (they cannot be subscribed).
 */
export class CredentialIssuer {
  constructor(private readonly keyRing: KeyRingSource) {}

  async issue(trx: Kysely<Tables>, target: CredentialTarget, now: Date): Promise<Credential | null> {
    const id = randomUUID();
    let credential: Credential;
    switch (target.auth.type) {
      case "none":
        return null;
      case "key-auth":
        credential = this.credential(id, target, "api_key", null, newApiKey(), now);
        break;
      case "oauth2":
        credential = this.credential(
          id,
          target,
          "oauth2",
          newClientId(),
          clientHasSecret(target.clientType) ? newClientSecret() : null,
          now,
        );
        break;
    }
    await insertCredential(trx, credential);
    return credential;
  }

  reveal(credential: Credential): RevealedCredential {
    const secret =
      credential.secret && openSecret(this.keyRing(), credential.secret, secretContext(credential.id));
    return {
      id: credential.id,
      subscriptionId: credential.subscriptionId,
      kind: credential.kind,
      apiKey: credential.kind === "api_key" ? secret : null,
      clientId: credential.clientId,
      clientSecret: credential.kind === "oauth2" ? secret : null,
      createdAt: credential.createdAt,
      expiresAt: credential.expiresAt,
    };
  }

  private credential(
    id: string,
    target: CredentialTarget,
    kind: Credential["kind"],
    clientId: string | null,
    secret: string | null,
    now: Date,
  ): Credential {
    return {
      id,
      subscriptionId: target.subscriptionId,
      kind,
      clientId,
      secret: secret === null ? null : sealSecret(this.keyRing(), secret, secretContext(id)),
      createdAt: now.toISOString(),
      expiresAt: null,
      revokedAt: null,
    };
  }
}
