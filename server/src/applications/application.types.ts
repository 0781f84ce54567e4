/** How an application authenticates at the OAuth2 token endpoint (see `client-type.ts`). */
export type ClientType = "confidential" | "public_spa" | "public_native";

/** What a member may do with an application (see `application.policy.ts`). */
export type ApplicationRole = "owner" | "collaborator" | "reader";

/** An application (a client registered by developers) as services see it. */
export interface Application {
  /** Chosen by its creator: 4–50 characters `[a-z0-9][a-z0-9_-]*`; never changes. */
  readonly id: string;
  readonly name: string;
  /** Markdown; rendered to sanitized HTML for display. */
  readonly description: string;
  readonly clientType: ClientType;
  readonly redirectUris: readonly string[];
  /** Id of the user who created it (the account may since have been deleted). */
  readonly createdBy: string;
  /** ISO-8601 timestamps. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The part of a user that the members of an application see of each other. */
export interface MemberUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
}

/** One member of an application, with their role. */
export interface ApplicationMember {
  readonly applicationId: string;
  readonly user: MemberUser;
  readonly role: ApplicationRole;
  readonly addedAt: string;
}

/** Which applications to list. */
export interface ApplicationListQuery {
  /** Case-insensitive part of the id or the name. */
  readonly search?: string | null;
  /** Only applications with at least one subscription in this status (`pending_approval`, …). */
  readonly subscriptionStatus?: string | null;
  /** Every application, not only the caller's own (administrators and service accounts). */
  readonly all?: boolean | null;
}
