import type { SealedSecret } from "../crypto/secret-box.js";

/** `api_key` for key-auth APIs; `oauth2` (client id, and a secret for confidential clients) for OAuth2 APIs. */
export type CredentialKind = "api_key" | "oauth2";

/** A credential as stored: the secret only in encrypted form. */
export interface Credential {
  readonly id: string;
  readonly subscriptionId: string;
  readonly kind: CredentialKind;
  /** OAuth2 client id (clear, unique); null for API keys. */
  readonly clientId: string | null;
  /** The encrypted API key or client secret; null for public OAuth2 clients. */
  readonly secret: SealedSecret | null;
  readonly createdAt: string;
  /** Null while it is the current credential; set by a rotation to the end of the overlap. */
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

/** A credential as shown to those who may see it: the secret decrypted. */
export interface RevealedCredential {
  readonly id: string;
  readonly subscriptionId: string;
  readonly kind: CredentialKind;
  /** For `api_key` credentials. */
  readonly apiKey: string | null;
  /** For `oauth2` credentials. */
  readonly clientId: string | null;
  /** For confidential `oauth2` clients. */
  readonly clientSecret: string | null;
  readonly createdAt: string;
  readonly expiresAt: string | null;
}
