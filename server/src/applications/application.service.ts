import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import { recordAudit } from "../audit/audit.recorder.js";
import { requireAuthenticated } from "../authorization/policy-guards.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import { appendEvent } from "../events/outbox.repository.js";
import { toPage, type Page, type PageRequest } from "../graphql/connection.js";
import { loadApplicationAccess, requireApplicationAccess } from "./application-access.js";
import type { ApplicationHooks } from "./application.hooks.js";
import {
  applicationRefSchema,
  createApplicationSchema,
  listQuerySchema,
  parseApplicationInput,
  updateApplicationSchema,
} from "./application.input.js";
import { insertMember } from "./application-member.repository.js";
import { applicationPolicy } from "./application.policy.js";
import {
  deleteApplicationById,
  findApplicationById,
  insertApplication,
  listApplications,
  lockApplication,
  updateApplicationRow,
} from "./application.repository.js";
import type { Application, ApplicationListQuery, ApplicationRole } from "./application.types.js";

export interface ApplicationServiceDeps {
  readonly db: Kysely<Tables>;
  readonly clock: () => Date;
  readonly hooks: readonly ApplicationHooks[];
}

type ChangeableField = "name" | "description" | "clientType" | "redirectUris";

const target = (id: string) => ({ type: "application", id });

/** Applications: register, read, list, change and delete. Members are `ApplicationMemberService`. */
export class ApplicationService {
  constructor(private readonly deps: ApplicationServiceDeps) {}

  /** Registers an application; the caller becomes its owner. CONFLICT when the id is taken. */
  async create(actor: Actor, input: unknown): Promise<Application> {
    const user = applicationPolicy.create(actor);
    const parsed = parseApplicationInput(createApplicationSchema, input);
    const now = this.deps.clock();
    const application: Application = {
      id: parsed.id,
      name: parsed.name,
      description: parsed.description ?? "",
      clientType: parsed.clientType,
      redirectUris: parsed.redirectUris ?? [],
      createdBy: user.userId,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const idTaken = () =>
      new DomainError(
        ErrorCode.CONFLICT,
        `The application id "${application.id}" is already taken; choose another one`,
        { fields: [{ field: "id", code: "TAKEN", message: "is already taken" }] },
      );
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        if (await findApplicationById(trx, application.id)) throw idTaken();
        await insertApplication(trx, application);
        await insertMember(trx, {
          applicationId: application.id,
          userId: user.userId,
          role: "owner",
          addedAt: application.createdAt,
        });
        await recordAudit(
          trx,
          actor,
          {
            action: "application.created",
            target: target(application.id),
            summary: {
              name: application.name,
              clientType: application.clientType,
              redirectUris: application.redirectUris,
            },
          },
          now,
        );
        await appendEvent(
          trx,
          actor,
          "application.created",
          {
            applicationId: application.id,
            name: application.name,
            clientType: application.clientType,
            redirectUris: [...application.redirectUris],
            ownerId: user.userId,
          },
          now,
        );
      });
    } catch (error) {
      // Two people racing for the same id: the loser's insert fails on the primary key.
      if (!(error instanceof DomainError) && (await findApplicationById(this.deps.db, application.id))) {
        throw idTaken();
      }
      throw error;
    }
    return application;
  }

  /** One application, or null when it does not exist or the caller may not see it (the same answer). */
  async find(actor: Actor, id: string): Promise<Application | null> {
    return (await this.findWithRole(actor, id))?.application ?? null;
  }

  /** Like {@link find}, with the caller's role in the application (null: not a member), read in the same statement. */
  async findWithRole(
    actor: Actor,
    id: string,
  ): Promise<{ application: Application; role: ApplicationRole | null } | null> {
    requireAuthenticated(actor);
    const access = await loadApplicationAccess(this.deps.db, this.deps.hooks, actor, id);
    return access?.readable ? { application: access.application, role: access.role } : null;
  }

  /** A page of applications, newest first: the caller's own, or (administrators, service accounts) all. */
  async list(actor: Actor, query: ApplicationListQuery, page: PageRequest): Promise<Page<Application>> {
    const parsed = parseInput(listQuerySchema, query);
    const memberId = applicationPolicy.list(actor, parsed.all ?? false);
    const { rows, totalCount } = await listApplications(
      this.deps.db,
      { memberId, search: parsed.search || null, subscriptionStatus: parsed.subscriptionStatus ?? null },
      checkedCursor(page),
    );
    return toPage(rows, page, totalCount, (application) => [application.createdAt, application.id]);
  }

  /** Changes name, description, client type or redirect URIs (owners, administrators). */
  async update(actor: Actor, input: unknown): Promise<Application> {
    applicationPolicy.mayAttemptChange(actor);
    const parsed = parseApplicationInput(updateApplicationSchema, input);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const access = await requireApplicationAccess(trx, this.deps.hooks, actor, parsed.id);
      applicationPolicy.update(actor, access);
      const before = access.application;
      const wanted = {
        name: parsed.name ?? before.name,
        description: parsed.description ?? before.description,
        clientType: parsed.clientType ?? before.clientType,
        redirectUris: parsed.redirectUris ?? before.redirectUris,
      };
      const changedFields = (Object.keys(wanted) as ChangeableField[]).filter(
        (field) => JSON.stringify(wanted[field]) !== JSON.stringify(before[field]),
      );
      if (changedFields.length === 0) return before;
      const after: Application = { ...before, ...wanted, updatedAt: now.toISOString() };
      await updateApplicationRow(trx, after);
      await recordAudit(
        trx,
        actor,
        {
          action: "application.updated",
          target: target(after.id),
          summary: Object.fromEntries(
            changedFields.map((field) => [field, { from: before[field], to: after[field] }]),
          ),
        },
        now,
      );
      await appendEvent(
        trx,
        actor,
        "application.updated",
        {
          applicationId: after.id,
          changedFields,
          name: after.name,
          clientType: after.clientType,
          redirectUris: [...after.redirectUris],
        },
        now,
      );
      for (const hook of this.deps.hooks) {
        await hook.afterApplicationUpdate?.(trx, actor, { before, after, changedFields });
      }
      return after;
    });
  }

  /**
   * Deletes an application (owners, administrators) with its members and, through the hooks, its subscriptions:
   * one transaction, one event per removed subscription and one `application.deleted`.
   */
  async delete(actor: Actor, input: unknown): Promise<{ deletedApplicationId: string }> {
    applicationPolicy.mayAttemptChange(actor);
    const { id } = parseInput(applicationRefSchema, input);
    const now = this.deps.clock();
    await this.deps.db.transaction().execute(async (trx) => {
      await lockApplication(trx, id);
      const access = await requireApplicationAccess(trx, this.deps.hooks, actor, id);
      applicationPolicy.delete(actor, access);
      const { application } = access;
      for (const hook of this.deps.hooks) await hook.beforeApplicationDelete?.(trx, actor, application);
      await deleteApplicationById(trx, id);
      await recordAudit(
        trx,
        actor,
        {
          action: "application.deleted",
          target: target(id),
          summary: { name: application.name, clientType: application.clientType },
        },
        now,
      );
      await appendEvent(
        trx,
        actor,
        "application.deleted",
        { applicationId: id, name: application.name },
        now,
      );
    });
    return { deletedApplicationId: id };
  }
}

/** The list's cursor is `[createdAt, id]`; anything else did not come from this connection. */
function checkedCursor(page: PageRequest): PageRequest {
  if (page.after === null) return page;
  if (page.after.length === 2 && page.after.every((part) => typeof part === "string")) return page;
  throw DomainError.validation([
    { field: "after", code: "INVALID_CURSOR", message: "is not a cursor of this list" },
  ]);
}
