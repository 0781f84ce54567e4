import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import { isAdmin, requireAuthenticated } from "../authorization/policy-guards.js";
import { recordAudit } from "../audit/audit.recorder.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import { appendEvent } from "../events/outbox.repository.js";
import { findUserByEmail } from "../users/user.repository.js";
import { approverReadableIds, requireApplicationAccess } from "./application-access.js";
import type { ApplicationHooks } from "./application.hooks.js";
import { addMemberSchema, changeMemberRoleSchema, removeMemberSchema } from "./application.input.js";
import {
  countOwners,
  deleteMember,
  findMember,
  insertMember,
  membersOfApplications,
  updateMemberRole,
} from "./application-member.repository.js";
import { applicationNotFound, applicationPolicy, type ApplicationAccess } from "./application.policy.js";
import { lockApplication } from "./application.repository.js";
import type { ApplicationMember } from "./application.types.js";

export interface ApplicationMemberServiceDeps {
  readonly db: Kysely<Tables>;
  readonly clock: () => Date;
  readonly hooks: readonly ApplicationHooks[];
}

const target = (id: string) => ({ type: "application", id });

/**
 * Members of applications: add by e-mail address, change roles, remove (or leave), and read the members of many
 * applications at once. An application always keeps at least one owner (LAST_OWNER otherwise).
 */
export class ApplicationMemberService {
  constructor(private readonly deps: ApplicationMemberServiceDeps) {}

  /**
   * Makes the user with that e-mail address a member (owners, administrators). The address must belong to an
   * enabled account with a verified address (NOT_FOUND otherwise); CONFLICT when the user already is a member.
   */
  async add(actor: Actor, input: unknown): Promise<ApplicationMember> {
    applicationPolicy.mayAttemptChange(actor);
    const { applicationId, email, role } = parseInput(addMemberSchema, input);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const access = await this.lockedAccess(trx, actor, applicationId);
      applicationPolicy.manageMembers(actor, access);
      const user = await findUserByEmail(trx, email);
      if (!user || user.emailVerifiedAt === null || user.disabledAt !== null) {
        throw new DomainError(
          ErrorCode.NOT_FOUND,
          `No active account with a verified address uses "${email}"; ask them to sign up and verify their address first`,
          {
            fields: [
              { field: "email", code: "UNKNOWN_USER", message: "belongs to no active, verified account" },
            ],
          },
        );
      }
      if (await findMember(trx, applicationId, user.id)) {
        throw new DomainError(ErrorCode.CONFLICT, `${user.email} already is a member of this application`, {
          fields: [{ field: "email", code: "ALREADY_MEMBER", message: "already is a member" }],
        });
      }
      const member: ApplicationMember = {
        applicationId,
        user: { id: user.id, email: user.email, displayName: user.displayName },
        role,
        addedAt: now.toISOString(),
      };
      await insertMember(trx, { applicationId, userId: user.id, role, addedAt: member.addedAt });
      await recordAudit(
        trx,
        actor,
        {
          action: "application.member_added",
          target: target(applicationId),
          summary: { userId: user.id, email: user.email, role },
        },
        now,
      );
      await appendEvent(
        trx,
        actor,
        "application.member_added",
        { applicationId, applicationName: access.application.name, userId: user.id, email: user.email, role },
        now,
      );
      return member;
    });
  }

  /** Changes a member's role (owners, administrators). Demoting the last owner is refused with LAST_OWNER. */
  async changeRole(actor: Actor, input: unknown): Promise<ApplicationMember> {
    applicationPolicy.mayAttemptChange(actor);
    const { applicationId, userId, role } = parseInput(changeMemberRoleSchema, input);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const access = await this.lockedAccess(trx, actor, applicationId);
      applicationPolicy.manageMembers(actor, access);
      const member = await this.existingMember(trx, applicationId, userId);
      if (member.role === role) return member;
      if (member.role === "owner") {
        await this.refuseLastOwner(
          trx,
          applicationId,
          "demote the last owner; make someone else an owner first",
        );
      }
      await updateMemberRole(trx, applicationId, userId, role);
      await recordAudit(
        trx,
        actor,
        {
          action: "application.member_role_changed",
          target: target(applicationId),
          summary: { userId, email: member.user.email, role, previousRole: member.role },
        },
        now,
      );
      await appendEvent(
        trx,
        actor,
        "application.member_role_changed",
        { applicationId, userId, role, previousRole: member.role },
        now,
      );
      return { ...member, role };
    });
  }

  /**
   * Removes a member (owners, administrators), or lets a member leave. The last owner can neither be removed nor
   * leave (LAST_OWNER): delete the application instead, or make someone else an owner first.
   */
  async remove(actor: Actor, input: unknown): Promise<{ applicationId: string; userId: string }> {
    applicationPolicy.mayAttemptChange(actor);
    const { applicationId, userId } = parseInput(removeMemberSchema, input);
    const now = this.deps.clock();
    await this.deps.db.transaction().execute(async (trx) => {
      const access = await this.lockedAccess(trx, actor, applicationId);
      applicationPolicy.removeMember(actor, access, userId);
      const member = await this.existingMember(trx, applicationId, userId);
      if (member.role === "owner") {
        await this.refuseLastOwner(
          trx,
          applicationId,
          "remove the last owner; make someone else an owner first",
        );
      }
      const leftThemselves = actor.kind === "user" && actor.userId === userId;
      await deleteMember(trx, applicationId, userId);
      await recordAudit(
        trx,
        actor,
        {
          action: "application.member_removed",
          target: target(applicationId),
          summary: { userId, email: member.user.email, role: member.role, leftThemselves },
        },
        now,
      );
      await appendEvent(
        trx,
        actor,
        "application.member_removed",
        { applicationId, userId, role: member.role, leftThemselves },
        now,
      );
    });
    return { applicationId, userId };
  }

  /**
   * The members of many applications, in the order of `applicationIds` (for batching: one statement for all, plus
   * the approver hooks for approvers). An application the caller may not read gets a NOT_FOUND error in its place.
   */
  async membersOf(
    actor: Actor,
    applicationIds: readonly string[],
  ): Promise<(readonly ApplicationMember[] | DomainError)[]> {
    requireAuthenticated(actor);
    const members = await membersOfApplications(this.deps.db, applicationIds);
    const isMember = (id: string) =>
      actor.kind === "user" && (members.get(id) ?? []).some((m) => m.user.id === actor.userId);
    const seesAll = isAdmin(actor) || actor.kind === "service";
    const unknown = seesAll ? [] : [...new Set(applicationIds)].filter((id) => !isMember(id));
    const approverReadable = await approverReadableIds(this.deps.db, this.deps.hooks, actor, unknown);
    return applicationIds.map((id) =>
      seesAll || isMember(id) || approverReadable.has(id) ? (members.get(id) ?? []) : applicationNotFound(id),
    );
  }

  /** Locks the application for the rest of the transaction, then reads what the caller is to it. */
  private async lockedAccess(
    trx: Kysely<Tables>,
    actor: Actor,
    applicationId: string,
  ): Promise<ApplicationAccess> {
    await lockApplication(trx, applicationId);
    return requireApplicationAccess(trx, this.deps.hooks, actor, applicationId);
  }

  private async existingMember(
    trx: Kysely<Tables>,
    applicationId: string,
    userId: string,
  ): Promise<ApplicationMember> {
    const member = await findMember(trx, applicationId, userId);
    if (!member) {
      throw new DomainError(ErrorCode.NOT_FOUND, `User "${userId}" is not a member of this application`);
    }
    return member;
  }

  private async refuseLastOwner(trx: Kysely<Tables>, applicationId: string, what: string): Promise<void> {
    if ((await countOwners(trx, applicationId)) <= 1) {
      throw new DomainError(ErrorCode.LAST_OWNER, `An application needs an owner: you cannot ${what}`);
    }
  }
}
