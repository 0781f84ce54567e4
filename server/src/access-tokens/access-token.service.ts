import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Actor } from "../actor/actor.js";
import { recordAudit } from "../audit/audit.recorder.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { parseInput } from "../errors/input-validation.js";
import { appendEvent } from "../events/outbox.repository.js";
import { toPage, type Page, type PageRequest } from "../graphql/connection.js";
import { accessTokenPolicy } from "./access-token.policy.js";
import {
  findAccessTokenById,
  insertAccessToken,
  listAccessTokensOfUser,
  markAccessTokenRevoked,
} from "./access-token.repository.js";
import { generateAccessTokenSecret } from "./access-token.secret.js";
import type { AccessToken, AccessTokenListQuery, CreatedAccessToken } from "./access-token.types.js";

export const MAX_TOKEN_NAME_LENGTH = 100;

const createInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(MAX_TOKEN_NAME_LENGTH, `must be at most ${MAX_TOKEN_NAME_LENGTH} characters`),
  scope: z.enum(["read", "write"], "must be read or write"),
  expiresAt: z.date("must be a date-time").nullish(),
});

const revokeInputSchema = z.object({ id: z.string().min(1, "must not be empty") });

const listQuerySchema = z.object({
  userId: z.string().min(1, "must not be empty").nullish(),
  includeRevoked: z.boolean().nullish(),
});

export interface AccessTokenServiceDeps {
  readonly db: Kysely<Tables>;
  readonly clock: () => Date;
}

/** Personal access tokens: create (shown once), list, revoke. Authenticating with one is `resolveBearerActor`. */
export class AccessTokenService {
  constructor(private readonly deps: AccessTokenServiceDeps) {}

  /** Creates a token for the calling user; the answer is the only place the token itself ever appears. */
  async create(actor: Actor, input: unknown): Promise<CreatedAccessToken> {
    const user = accessTokenPolicy.create(actor);
    const { name, scope, expiresAt } = parseInput(createInputSchema, input);
    const now = this.deps.clock();
    if (expiresAt && expiresAt.getTime() <= now.getTime()) {
      throw DomainError.validation([
        { field: "expiresAt", code: "IN_THE_PAST", message: "must be in the future" },
      ]);
    }
    const secret = generateAccessTokenSecret();
    const accessToken: AccessToken = {
      id: randomUUID(),
      userId: user.userId,
      name,
      prefix: secret.prefix,
      scope,
      createdAt: now.toISOString(),
      lastUsedAt: null,
      expiresAt: expiresAt ? expiresAt.toISOString() : null,
      revokedAt: null,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await insertAccessToken(trx, accessToken, secret.hash);
      await recordAudit(
        trx,
        actor,
        {
          action: "access_token.created",
          target: { type: "access_token", id: accessToken.id },
          summary: { ownerId: user.userId, name, scope, expiresAt: accessToken.expiresAt },
        },
        now,
      );
      await appendEvent(
        trx,
        actor,
        "access_token.created",
        { userId: user.userId, tokenId: accessToken.id, name, scope, expiresAt: accessToken.expiresAt },
        now,
      );
    });
    return { accessToken, token: secret.token };
  }

  /** A page of tokens, newest first: the caller's own, or (administrators) those of `userId`. */
  async list(actor: Actor, query: AccessTokenListQuery, page: PageRequest): Promise<Page<AccessToken>> {
    const parsed = parseInput(listQuerySchema, query);
    const ownerId = accessTokenPolicy.list(actor, parsed.userId);
    const { rows, totalCount } = await listAccessTokensOfUser(
      this.deps.db,
      ownerId,
      { includeRevoked: parsed.includeRevoked ?? false },
      checkedCursor(page),
    );
    return toPage(rows, page, totalCount, (token) => [token.createdAt, token.id]);
  }

  /** Revokes a token at once. Revoking a revoked token changes nothing and answers the token as it is. */
  async revoke(actor: Actor, input: unknown): Promise<AccessToken> {
    accessTokenPolicy.mayAttemptRevoke(actor);
    const { id } = parseInput(revokeInputSchema, input);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const token = await findAccessTokenById(trx, id);
      if (!token) throw DomainError.notFound("Access token", id);
      accessTokenPolicy.revoke(actor, token);
      if (!(await markAccessTokenRevoked(trx, id, now))) return token;
      await recordAudit(
        trx,
        actor,
        {
          action: "access_token.revoked",
          target: { type: "access_token", id },
          summary: { ownerId: token.userId, name: token.name },
        },
        now,
      );
      await appendEvent(
        trx,
        actor,
        "access_token.revoked",
        { userId: token.userId, tokenId: id, name: token.name },
        now,
      );
      return { ...token, revokedAt: now.toISOString() };
    });
  }
}

/** The token list's cursor is `[createdAt, id]`; anything else did not come from this connection. */
function checkedCursor(page: PageRequest): PageRequest {
  if (page.after === null) return page;
  if (page.after.length === 2 && page.after.every((part) => typeof part === "string")) return page;
  throw DomainError.validation([
    { field: "after", code: "INVALID_CURSOR", message: "is not a cursor of this list" },
  ]);
}
