import type { Generated } from "kysely";

/**
 * The Kysely view of the schema built by `migrations/`. Portable types only: ids and timestamps are text
 * (ISO-8601 UTC), booleans are integer 0/1, JSON is text. Keep this in step with the migrations and with
 * `data-transfer/exported-tables.ts`. `Generated` marks columns the database fills when an insert omits them.
 */
export interface Tables {
  installation: InstallationTable;
  users: UsersTable;
  user_groups: UserGroupsTable;
  sessions: SessionsTable;
  personal_access_tokens: PersonalAccessTokensTable;
  verification_tokens: VerificationTokensTable;
  audit_log: AuditLogTable;
  outbox_events: OutboxEventsTable;
  rate_limit_counters: RateLimitCountersTable;
  applications: ApplicationsTable;
  application_members: ApplicationMembersTable;
  subscriptions: SubscriptionsTable;
  subscription_status_history: SubscriptionStatusHistoryTable;
  credentials: CredentialsTable;
  webhook_listeners: WebhookListenersTable;
  webhook_dead_letters: WebhookDeadLettersTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  outbound_messages: OutboundMessagesTable;
  schema_migrations: SchemaMigrationsTable;
}

/** Exactly one row, written at first start-up. */
export interface InstallationTable {
  id: string;
  created_at: string;
  /** Hash of the static configuration the installation last started with; null before the first load. */
  config_hash: string | null;
}

export interface UsersTable {
  id: string;
  /** Always stored lower-case (the repository normalizes); unique. */
  email: string;
  /** Null for users who only sign in through an external identity provider. */
  password_hash: string | null;
  email_verified_at: string | null;
  display_name: string;
  /** JSON object text; defaults to `{}`. */
  profile: Generated<string>;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserGroupsTable {
  user_id: string;
  group_id: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the session cookie value; the cookie value itself is never stored. */
  token_hash: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  client_address: string | null;
  user_agent: string | null;
}

export interface PersonalAccessTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** First characters of the token, shown so users can recognise it. */
  token_prefix: string;
  /** JSON array text; defaults to `[]`. */
  scopes: Generated<string>;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface VerificationTokensTable {
  id: string;
  /** Null for tokens sent to an address that has no user yet (invitations). */
  user_id: string | null;
  token_hash: string;
  /** e.g. `email_verification`, `password_reset`, `email_change`, `invitation`. */
  kind: string;
  email: string;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  /** Not a foreign key: the audit trail outlives the users it mentions. */
  actor_id: string | null;
  /** e.g. `user`, `token`, `system`, `anonymous`. */
  actor_kind: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** JSON object text; defaults to `{}`. */
  summary: Generated<string>;
  client_address: string | null;
  user_agent: string | null;
}

export interface OutboxEventsTable {
  /** Monotonic, assigned by the database; preserved by export/import. */
  sequence: Generated<number>;
  event_name: string;
  schema_version: number;
  occurred_at: string;
  /** JSON text: who caused the event. */
  actor: string;
  /** JSON text: ids of the things the event is about. */
  subject_ids: string;
  /** JSON text. */
  payload: string;
}

/** Brute-force counters (`rate-limits/`): one fixed window per bucket, e.g. sign-in failures of one account. */
export interface RateLimitCountersTable {
  /** SHA-256 of the rule name and the limited value (account or client address), hex. */
  bucket: string;
  window_ends_at: string;
  count: number;
}

/** Applications registered by developers (`applications/`); the id is chosen by the creator and immutable. */
export interface ApplicationsTable {
  /** 4–50 characters `[a-z0-9][a-z0-9_-]*`. */
  id: string;
  name: string;
  /** Markdown; defaults to the empty string. */
  description: Generated<string>;
  /** `confidential`, `public_spa` or `public_native`. */
  client_type: string;
  /** JSON array text of redirect URIs; defaults to `[]`. */
  redirect_uris: Generated<string>;
  /** The user who created it; not a foreign key (the application outlives that account). */
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Who may do what with an application; deleting the application or the user deletes the row. */
export interface ApplicationMembersTable {
  application_id: string;
  user_id: string;
  /** `owner`, `collaborator` or `reader`. */
  role: string;
  added_at: string;
}

/** An application's subscription to an API with a plan (`subscriptions/`); one per application and API. */
export interface SubscriptionsTable {
  id: string;
  application_id: string;
  /** Id of an API of the static configuration. */
  api_id: string;
  /** Id of a plan of the static configuration. */
  plan_id: string;
  /** `pending_approval`, `approved`, `provisioned`, `provisioning_failed` or `declined`. */
  status: string;
  /** Why the status was set (decline reason, provisioning error); null when none was given. */
  status_reason: string | null;
  /** When the status last changed: the start of the wait in the approval queue. */
  status_changed_at: string;
  /** The user who asked for the current plan (subscribed or changed it); null for non-users. */
  requested_by: string | null;
  approved_at: string | null;
  /** Who approved (user id, or `system:<reason>` for automatic approval). */
  approved_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Every status a subscription went through, with who set it and why. */
export interface SubscriptionStatusHistoryTable {
  id: string;
  subscription_id: string;
  status: string;
  reason: string | null;
  /** Not a foreign key: user id, service account id or `system:<reason>`. */
  actor_id: string | null;
  at: string;
}

/** Credentials of approved subscriptions (`credentials/`); several while a rotation overlaps. */
export interface CredentialsTable {
  id: string;
  subscription_id: string;
  /** `api_key` or `oauth2`. */
  kind: string;
  /** OAuth2 client id, in clear (lookup key, unique); null for API keys. */
  client_id: string | null;
  /** AES-256-GCM ciphertext of the API key or client secret (`crypto/secret-box.ts`); null for public clients. */
  secret_ciphertext: string | null;
  /** Id of the key that encrypted `secret_ciphertext`. */
  secret_key_id: string | null;
  created_at: string;
  /** Set when a rotation replaced it: valid until then. Null while it is the current credential. */
  expires_at: string | null;
  revoked_at: string | null;
}

/** A webhook listener of the event log (`webhooks/`) and its delivery state. */
export interface WebhookListenersTable {
  /** Chosen by the registrant, `[A-Za-z0-9][A-Za-z0-9_-]*`, at most 64 characters. */
  id: string;
  /** Who registered it: `service`, `user` or `system`, and that actor's id; only they and administrators manage it. */
  owner_kind: string;
  owner_id: string;
  url: string;
  /** JSON array of event names or patterns (`subscription.*`); `[]` means every event. */
  events: Generated<string>;
  /** AES-256-GCM ciphertext of the signing secret (`crypto/secret-box.ts`, context `webhook_listener:<id>`). */
  secret_ciphertext: string;
  secret_key_id: string;
  /** Sequence of the event log acknowledged up to; everything after it that matches `events` is pending. */
  position: Generated<number>;
  created_at: string;
  updated_at: string;
  /** The bridge replica allowed to deliver until `lease_expires_at`. */
  lease_holder: string | null;
  lease_expires_at: string | null;
  /** The current delivery (its `webhook-id`), the JSON array of its sequences, its attempts so far. */
  delivery_id: string | null;
  delivery_sequences: string | null;
  delivery_attempts: Generated<number>;
  delivery_first_attempt_at: string | null;
  /** 1 when the last attempt of the current delivery failed. */
  delivery_failed: Generated<number>;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_success_status_code: number | null;
  /** Status of the last attempt; null when the listener did not answer. */
  last_status_code: number | null;
  last_error: string | null;
  consecutive_failures: Generated<number>;
}

/** Events a listener could not take after the configured attempts; a copy of each event is kept. */
export interface WebhookDeadLettersTable {
  listener_id: string;
  sequence: number;
  /** JSON text of the event as it was delivered. */
  event: string;
  delivery_id: string;
  attempts: number;
  reason: string;
  dead_lettered_at: string;
  /** 1 while a re-delivery was requested and has not been acknowledged. */
  redeliver: Generated<number>;
}

/** The delivery ledger: one row per HTTP attempt of a bridge. */
export interface WebhookDeliveryAttemptsTable {
  id: string;
  listener_id: string;
  delivery_id: string;
  /** 1 for the first attempt of a delivery. */
  attempt: number;
  first_sequence: number;
  last_sequence: number;
  event_count: number;
  /** The bridge replica that made it. */
  holder: string;
  started_at: string;
  /** Null while in flight (or when the bridge stopped before recording the answer). */
  finished_at: string | null;
  /** HTTP status of the listener's answer; null when there was none (connection error, timeout). */
  status_code: number | null;
  error: string | null;
  duration_ms: number | null;
}

/** The outbound message ledger of the mailer and the chatbot (`outbound-messages/`). */
export interface OutboundMessagesTable {
  id: string;
  /** `mail` or `chat`. */
  channel: string;
  /** The event the message is about; with channel and recipient the unique key. */
  event_sequence: number;
  event_name: string;
  /** An e-mail address (mail) or a chat target id (chat). */
  recipient: string;
  /** The template id (`verify-email`, `approval-requested`, ...). */
  template: string;
  subject: string;
  /** `sent`, or `failed` (rejected for good, or undeliverable after the retries). */
  status: string;
  error: string | null;
  attempts: number;
  /** The service account (or system job) that recorded it. */
  recorded_by: string;
  created_at: string;
  updated_at: string;
}

/** Internal bookkeeping of `migrator.ts`; never exported. */
export interface SchemaMigrationsTable {
  name: string;
  applied_at: string;
}
