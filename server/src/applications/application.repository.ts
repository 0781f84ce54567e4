import { sql, type Kysely, type Selectable } from "kysely";
import type { ApplicationsTable, Tables } from "../database/tables.js";
import { preparedQuery } from "../database/prepared-query.js";
import type { PageRequest } from "../graphql/connection.js";
import type { Application, ApplicationRole, ClientType } from "./application.types.js";

type ApplicationRow = Selectable<ApplicationsTable>;

/** Anything unreadable counts as no redirect URIs, so a damaged row never allows a redirect. */
function parseRedirectUris(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export function toApplication(row: ApplicationRow): Application {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    clientType: row.client_type as ClientType,
    redirectUris: parseRedirectUris(row.redirect_uris),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertApplication(db: Kysely<Tables>, application: Application): Promise<void> {
  await db
    .insertInto("applications")
    .values({
      id: application.id,
      name: application.name,
      description: application.description,
      client_type: application.clientType,
      redirect_uris: JSON.stringify(application.redirectUris),
      created_by: application.createdBy,
      created_at: application.createdAt,
      updated_at: application.updatedAt,
    })
    .execute();
}

export async function findApplicationById(db: Kysely<Tables>, id: string): Promise<Application | undefined> {
  const row = await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toApplication(row);
}

const selectApplicationWithRole = preparedQuery((db: Kysely<Tables>, id: string, userId: string) =>
  db
    .selectFrom("applications")
    .leftJoin("application_members", (join) =>
      join
        .onRef("application_members.application_id", "=", "applications.id")
        .on("application_members.user_id", "=", userId),
    )
    .selectAll("applications")
    .select("application_members.role")
    .where("applications.id", "=", id),
);

/** The application with the role of `userId` in it (null: not a member, or no user); one statement. */
export async function findApplicationWithRole(
  db: Kysely<Tables>,
  id: string,
  userId: string | null,
): Promise<{ application: Application; role: ApplicationRole | null } | undefined> {
  const [row] = await selectApplicationWithRole(db, id, userId ?? "");
  if (!row) return undefined;
  const { role, ...application } = row;
  return { application: toApplication(application), role: (role as ApplicationRole | null) ?? null };
}

/**
 * Locks the application's row until the transaction ends (a no-op update: a row lock on PostgreSQL; SQLite has
 * one writer at a time anyway), so concurrent member changes cannot both remove "the other" owner. False when the
 * application does not exist.
 */
export async function lockApplication(db: Kysely<Tables>, id: string): Promise<boolean> {
  const result = await db
    .updateTable("applications")
    .set((eb) => ({ id: eb.ref("id") }))
    .where("id", "=", id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateApplicationRow(db: Kysely<Tables>, application: Application): Promise<void> {
  await db
    .updateTable("applications")
    .set({
      name: application.name,
      description: application.description,
      client_type: application.clientType,
      redirect_uris: JSON.stringify(application.redirectUris),
      updated_at: application.updatedAt,
    })
    .where("id", "=", application.id)
    .execute();
}

/** Deletes the application; its members go with it (foreign key cascade). */
export async function deleteApplicationById(db: Kysely<Tables>, id: string): Promise<void> {
  await db.deleteFrom("applications").where("id", "=", id).execute();
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of applications, newest first (created_at desc, id desc: a stable order; the cursor is that pair),
 * plus how many match: those `memberId` is a member of, or all when it is null. Two statements.
 */
export async function listApplications(
  db: Kysely<Tables>,
  filter: {
    readonly memberId: string | null;
    readonly search: string | null;
    readonly subscriptionStatus: string | null;
  },
  page: PageRequest,
): Promise<{ rows: Application[]; totalCount: number }> {
  let base = db.selectFrom("applications");
  const { memberId, search, subscriptionStatus } = filter;
  if (memberId !== null) {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("application_members")
          .select("application_members.user_id")
          .whereRef("application_members.application_id", "=", "applications.id")
          .where("application_members.user_id", "=", memberId),
      ),
    );
  }
  if (subscriptionStatus !== null) {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("subscriptions")
          .select("subscriptions.id")
          .whereRef("subscriptions.application_id", "=", "applications.id")
          .where("subscriptions.status", "=", subscriptionStatus),
      ),
    );
  }
  if (search) {
    const pattern = likePattern(search);
    base = base.where(
      sql<boolean>`(lower(applications.id) like ${pattern} escape '\\' or lower(applications.name) like ${pattern} escape '\\')`,
    );
  }
  const counted = await base
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .executeTakeFirstOrThrow();
  let query = base.selectAll("applications");
  if (page.after) {
    const [createdAt = "", id = ""] = page.after.map(String);
    query = query.where((eb) =>
      eb.or([
        eb("applications.created_at", "<", createdAt),
        eb.and([eb("applications.created_at", "=", createdAt), eb("applications.id", "<", id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("applications.created_at", "desc")
    .orderBy("applications.id", "desc")
    .limit(page.first + 1)
    .execute();
  return { rows: rows.map(toApplication), totalCount: Number(counted.count) };
}
