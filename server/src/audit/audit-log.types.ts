/** One recorded write, as administrators read it. */
export interface AuditLogEntry {
  readonly id: string;
  /** ISO-8601. */
  readonly at: string;
  /** User id, service account id or `system:<job>`; null for anonymous callers. */
  readonly actorId: string | null;
  /** `user` (browser session), `token` (personal access token), `service`, `system` or `anonymous`. */
  readonly actorKind: string;
  /** e.g. `user.created`, `access_token.revoked`. */
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  /** What changed, without secrets. */
  readonly summary: Readonly<Record<string, unknown>>;
  readonly clientAddress: string | null;
  readonly userAgent: string | null;
}

/** Filters of the audit log; all optional, combined with AND. */
export interface AuditLogFilter {
  readonly actorId?: string | null;
  readonly targetType?: string | null;
  readonly targetId?: string | null;
  /** An exact action (`user.created`), or a prefix ending in a dot (`user.`) for all actions of a noun. */
  readonly action?: string | null;
  /** Entries at or after this time. */
  readonly from?: Date | null;
  /** Entries before this time. */
  readonly to?: Date | null;
}

/** A filter after validation: the shapes the repository queries with. */
export interface AuditLogQuery {
  readonly actorId: string | null;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly action: { readonly exact: string } | { readonly prefix: string } | null;
  /** ISO-8601, inclusive. */
  readonly from: string | null;
  /** ISO-8601, exclusive. */
  readonly to: string | null;
}

/** Position in the log's order (at desc, id desc). */
export type AuditLogPosition = readonly [at: string, id: string];
