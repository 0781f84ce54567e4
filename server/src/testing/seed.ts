import type { Insertable, Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { exportedTables, type ExportedTableName } from "../data-transfer/exported-tables.js";

type SeedRows = { readonly [T in ExportedTableName]: readonly Insertable<Tables[T]>[] };

const alice = "usr_a1ice";
const bob = "usr_B0b";
const zoe = "usr_Zoë";

/**
 * Realistic rows for every exported table, keyed by table (a test fails when an exported table has none).
 * Ids mix upper/lower case and non-ASCII so that ordering bugs between collations show up; values include
 * quotes, newlines, emoji, JSON text and nulls.
 */
export const seedRows: SeedRows = {
  installation: [
    { id: "inst_01HZX4", created_at: "2026-01-05T08:00:00.000Z", config_hash: "sha256:9f2c41d0" },
  ],
  users: [
    {
      id: alice,
      email: "alice@example.com",
      password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
      email_verified_at: "2026-01-05T08:10:00.000Z",
      display_name: "Alice Ångström",
      profile: JSON.stringify({ company: 'ACME "Rockets" Ltd.', bio: "line one\nline two 🚀" }),
      disabled_at: null,
      created_at: "2026-01-05T08:05:00.000Z",
      updated_at: "2026-01-06T09:00:00.000Z",
    },
    {
      id: bob,
      email: "bob@example.org",
      password_hash: null,
      email_verified_at: null,
      display_name: "Bob",
      profile: "{}",
      disabled_at: "2026-02-01T00:00:00.000Z",
      created_at: "2026-01-07T12:00:00.000Z",
      updated_at: "2026-02-01T00:00:00.000Z",
    },
    {
      id: zoe,
      email: "zoe@example.net",
      password_hash: "$argon2id$v=19$m=19456,t=2,p=1$em9lc2FsdA$em9laGFzaA",
      email_verified_at: "2026-01-09T10:00:00.000Z",
      display_name: "Zoë 山田",
      profile: JSON.stringify({ locale: "ja-JP" }),
      disabled_at: null,
      created_at: "2026-01-09T09:59:00.000Z",
      updated_at: "2026-01-09T10:00:00.000Z",
    },
  ],
  user_groups: [
    { user_id: alice, group_id: "admin", created_at: "2026-01-05T08:05:00.000Z" },
    { user_id: alice, group_id: "Partners", created_at: "2026-01-05T08:05:00.000Z" },
    { user_id: zoe, group_id: "partners", created_at: "2026-01-09T10:00:00.000Z" },
  ],
  sessions: [
    {
      id: "ses_A",
      user_id: alice,
      token_hash: "3b7e1a0c0d3f4e5a",
      created_at: "2026-03-01T10:00:00.000Z",
      last_seen_at: "2026-03-01T10:30:00.000Z",
      expires_at: "2026-03-15T10:00:00.000Z",
      revoked_at: null,
      client_address: "203.0.113.7",
      user_agent: "Mozilla/5.0 (X11; Linux x86_64)",
    },
    {
      id: "ses_b",
      user_id: zoe,
      token_hash: "9a1f0e77c2b84d10",
      created_at: "2026-03-02T11:00:00.000Z",
      last_seen_at: "2026-03-02T11:00:00.000Z",
      expires_at: "2026-03-16T11:00:00.000Z",
      revoked_at: "2026-03-02T12:00:00.000Z",
      client_address: "2001:db8::1",
      user_agent: null,
    },
  ],
  personal_access_tokens: [
    {
      id: "pat_ci",
      user_id: alice,
      name: "CI pipeline",
      token_hash: "f00dfeedbeefcafe",
      token_prefix: "pp_ci12",
      scopes: JSON.stringify(["applications:read", "subscriptions:write"]),
      created_at: "2026-02-10T08:00:00.000Z",
      last_used_at: "2026-03-01T07:59:59.999Z",
      expires_at: null,
      revoked_at: null,
    },
  ],
  verification_tokens: [
    {
      id: "vt_email_zoe",
      user_id: zoe,
      token_hash: "1111aaaa2222bbbb",
      kind: "email_verification",
      email: "zoe@example.net",
      created_at: "2026-01-09T09:59:00.000Z",
      expires_at: "2026-01-10T09:59:00.000Z",
      consumed_at: "2026-01-09T10:00:00.000Z",
    },
    {
      id: "vt_invite",
      user_id: null,
      token_hash: "3333cccc4444dddd",
      kind: "invitation",
      email: "new.partner@example.com",
      created_at: "2026-03-03T09:00:00.000Z",
      expires_at: "2026-03-10T09:00:00.000Z",
      consumed_at: null,
    },
  ],
  audit_log: [
    {
      id: "aud_0001",
      at: "2026-01-05T08:05:00.000Z",
      actor_id: null,
      actor_kind: "system",
      action: "user.created",
      target_type: "user",
      target_id: alice,
      summary: JSON.stringify({ email: "alice@example.com", via: "bootstrap" }),
      client_address: null,
      user_agent: null,
    },
    {
      id: "aud_0002",
      at: "2026-02-01T00:00:00.000Z",
      actor_id: alice,
      actor_kind: "user",
      action: "user.disabled",
      target_type: "user",
      target_id: bob,
      summary: JSON.stringify({ reason: 'left the company — "offboarding"' }),
      client_address: "203.0.113.7",
      user_agent: "Mozilla/5.0 (X11; Linux x86_64)",
    },
  ],
  outbox_events: [
    {
      event_name: "user.created",
      schema_version: 1,
      occurred_at: "2026-01-05T08:05:00.000Z",
      actor: JSON.stringify({ kind: "system" }),
      subject_ids: JSON.stringify({ userId: alice }),
      payload: JSON.stringify({ email: "alice@example.com" }),
    },
    {
      event_name: "user.disabled",
      schema_version: 2,
      occurred_at: "2026-02-01T00:00:00.000Z",
      actor: JSON.stringify({ kind: "user", id: alice }),
      subject_ids: JSON.stringify({ userId: bob }),
      payload: JSON.stringify({ disabled: true, ratio: 0.25, attempts: 3 }),
    },
  ],
  rate_limit_counters: [
    { bucket: "0c5e2f9a7b1d3e4f", window_ends_at: "2026-03-01T10:15:00.000Z", count: 3 },
    { bucket: "A9b8c7d6e5f40312", window_ends_at: "2026-03-01T10:20:00.000Z", count: 50 },
  ],
  applications: [
    {
      id: "acme-web",
      name: "ACME Web Shop",
      description: 'Our **shop** front end.\nSecond line with "quotes" and 🚀',
      client_type: "confidential",
      redirect_uris: JSON.stringify(["https://shop.acme.example/callback", "http://localhost:3000/cb"]),
      created_by: alice,
      created_at: "2026-03-04T09:00:00.000Z",
      updated_at: "2026-03-05T10:00:00.000Z",
    },
    {
      id: "zoe_mobile-2",
      name: "Zoë's mobile app",
      description: "",
      client_type: "public_native",
      redirect_uris: JSON.stringify(["com.example.zoe://callback"]),
      created_by: zoe,
      created_at: "2026-03-06T11:00:00.000Z",
      updated_at: "2026-03-06T11:00:00.000Z",
    },
  ],
  application_members: [
    { application_id: "acme-web", user_id: alice, role: "owner", added_at: "2026-03-04T09:00:00.000Z" },
    { application_id: "acme-web", user_id: zoe, role: "reader", added_at: "2026-03-05T10:00:00.000Z" },
    { application_id: "zoe_mobile-2", user_id: zoe, role: "owner", added_at: "2026-03-06T11:00:00.000Z" },
    {
      application_id: "zoe_mobile-2",
      user_id: bob,
      role: "collaborator",
      added_at: "2026-03-06T12:00:00.000Z",
    },
  ],
  subscriptions: [
    {
      id: "sub_Orders-web",
      application_id: "acme-web",
      api_id: "orders",
      plan_id: "basic",
      status: "provisioned",
      status_reason: null,
      status_changed_at: "2026-03-04T09:06:00.000Z",
      requested_by: alice,
      approved_at: "2026-03-04T09:05:00.000Z",
      approved_by: "system:auto-approval",
      created_at: "2026-03-04T09:05:00.000Z",
      updated_at: "2026-03-04T09:06:00.000Z",
    },
    {
      id: "sub_payments_zoë",
      application_id: "zoe_mobile-2",
      api_id: "payments",
      plan_id: "premium",
      status: "declined",
      status_reason: 'Please describe the "use case" first —\nsee the onboarding page 🙏',
      status_changed_at: "2026-03-07T08:00:00.000Z",
      requested_by: zoe,
      approved_at: null,
      approved_by: null,
      created_at: "2026-03-06T11:30:00.000Z",
      updated_at: "2026-03-07T08:00:00.000Z",
    },
  ],
  subscription_status_history: [
    {
      id: "ssh_01",
      subscription_id: "sub_Orders-web",
      status: "approved",
      reason: null,
      actor_id: "system:auto-approval",
      at: "2026-03-04T09:05:00.000Z",
    },
    {
      id: "ssh_02",
      subscription_id: "sub_Orders-web",
      status: "provisioned",
      reason: null,
      actor_id: "bridge",
      at: "2026-03-04T09:06:00.000Z",
    },
    {
      id: "ssh_03",
      subscription_id: "sub_payments_zoë",
      status: "pending_approval",
      reason: null,
      actor_id: zoe,
      at: "2026-03-06T11:30:00.000Z",
    },
    {
      id: "ssh_04",
      subscription_id: "sub_payments_zoë",
      status: "declined",
      reason: 'Please describe the "use case" first —\nsee the onboarding page 🙏',
      actor_id: alice,
      at: "2026-03-07T08:00:00.000Z",
    },
  ],
  credentials: [
    {
      id: "cred_A",
      subscription_id: "sub_Orders-web",
      kind: "api_key",
      client_id: null,
      secret_ciphertext: "q1w2e3r4t5y6u7i8o9p0AsDfGhJkLzXcVbNm-_Qw3e4r5t6y7u8i9o0pA1s2d3f4g5h6j7k8l9",
      secret_key_id: "k20260301",
      created_at: "2026-03-04T09:05:00.000Z",
      expires_at: "2026-03-10T09:05:00.000Z",
      revoked_at: null,
    },
    {
      id: "cred_b",
      subscription_id: "sub_Orders-web",
      kind: "api_key",
      client_id: null,
      secret_ciphertext: "Zx9Cv8Bn7Mm6Ll5Kk4Jj3Hh2Gg1Ff0Dd-_Ss9Aa8Pp7Oo6Ii5Uu4Yy3Tt2Rr1Ee0Ww9Qq8Zz7",
      secret_key_id: "k20260301",
      created_at: "2026-03-09T09:05:00.000Z",
      expires_at: null,
      revoked_at: null,
    },
  ],
};

/** Inserts {@link seedRows} in export (foreign-key-safe) order. */
export async function seedDatabase(db: Kysely<Tables>): Promise<void> {
  for (const { table } of exportedTables) {
    const rows = seedRows[table];
    if (rows.length > 0) await db.insertInto(table).values(rows).execute();
  }
}
