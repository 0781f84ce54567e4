/** A browser session as services see it; the secret cookie value is never stored, only its hash. */
export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
}

/** A new session: the secret goes into the cookie once. */
export interface StartedSession {
  readonly session: Session;
  readonly token: string;
}
