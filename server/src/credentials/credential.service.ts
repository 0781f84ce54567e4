import type { Kysely } from "kysely";
import { z } from "zod";
import type { Actor } from "../actor/actor.js";
import { findApplicationWithRole } from "../applications/application.repository.js";
import { recordAudit } from "../audit/audit.recorder.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import { appendEvent } from "../events/outbox.repository.js";
import { findApi, type StaticConfig } from "../static-config/static-config.js";
import { eventRef } from "../subscriptions/subscription-event-ref.js";
import { subscriptionPolicy } from "../subscriptions/subscription.policy.js";
import { findSubscriptionById } from "../subscriptions/subscription.repository.js";
import { isActive, type Subscription } from "../subscriptions/subscription.types.js";
import type { VisibleSubscription } from "../subscriptions/subscriptions.service.js";
import type { CredentialIssuer } from "./credential-issuer.js";
import {
  deleteCredentialsEndedBefore,
  expireCredential,
  listValidCredentialsOf,
  revokeValidCredentialsOf,
} from "./credential.repository.js";
import type { RevealedCredential } from "./credential.types.js";

export const DEFAULT_OVERLAP_SECONDS = 86_400;
export const MAX_OVERLAP_SECONDS = 30 * 86_400;

const rotateSchema = z.object({
  subscriptionId: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  overlapSeconds: z
    .int("must be a whole number of seconds")
    .min(0, "must not be negative")
    .max(MAX_OVERLAP_SECONDS, `must be at most ${MAX_OVERLAP_SECONDS} (30 days)`)
    .nullish(),
});

export interface CredentialServiceDeps {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly clock: () => Date;
  readonly issuer: CredentialIssuer;
}

/** Showing credentials to those who may see them, rotating them, and purging ended ones. */
export class CredentialService {
  constructor(private readonly deps: CredentialServiceDeps) {}

  /**
   * The valid credentials of each subscription, decrypted, or null for subscriptions whose credentials the caller
   * may not see. One statement for any number of subscriptions.
   */
  async credentialsOf(
    actor: Actor,
    subscriptions: readonly VisibleSubscription[],
  ): Promise<(readonly RevealedCredential[] | null)[]> {
    const allowed = subscriptions
      .filter(({ role }) => subscriptionPolicy.canRevealCredentials(actor, role))
      .map(({ subscription }) => subscription.id);
    const credentials = await listValidCredentialsOf(this.deps.db, allowed, this.deps.clock());
    const bySubscription = new Map<string, RevealedCredential[]>(allowed.map((id) => [id, []]));
    for (const credential of credentials) {
      bySubscription.get(credential.subscriptionId)?.push(this.deps.issuer.reveal(credential));
    }
    return subscriptions.map(({ subscription }) => bySubscription.get(subscription.id) ?? null);
  }

  /**
   * Issues a new API key or client id and secret for a subscription. The previous ones stay valid for
   * `overlapSeconds` (default 24 hours; 0 revokes them at once), so clients can switch without downtime.
   */
  async rotate(actor: Actor, input: unknown): Promise<Subscription> {
    subscriptionPolicy.mayAttemptChange(actor);
    const parsed = parseInput(rotateSchema, input);
    const overlapSeconds = parsed.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const subscription = await findSubscriptionById(trx, parsed.subscriptionId);
      if (!subscription) throw DomainError.notFound("Subscription", parsed.subscriptionId);
      const found = await findApplicationWithRole(
        trx,
        subscription.applicationId,
        actor.kind === "user" ? actor.userId : null,
      );
      subscriptionPolicy.manage(actor, found?.role ?? null);
      const api = findApi(this.deps.config, subscription.apiId);
      if (!found || !api || !isActive(subscription.status)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Subscription "${subscription.id}" is ${subscription.status} and has no credentials to rotate`,
        );
      }
      const previous =
        overlapSeconds === 0
          ? (await revokeValidCredentialsOf(trx, subscription.id, now)).map((credentialId) => ({
              credentialId,
              expiresAt: now.toISOString(),
            }))
          : await this.expireValid(
              trx,
              subscription.id,
              new Date(now.getTime() + overlapSeconds * 1000),
              now,
            );
      const issued = await this.deps.issuer.issue(
        trx,
        { subscriptionId: subscription.id, auth: api.auth, clientType: found.application.clientType },
        now,
      );
      const newCredentialIds = issued ? [issued.id] : [];
      await appendEvent(
        trx,
        actor,
        "subscription.credentials_rotated",
        {
          ...eventRef(subscription, api),
          status: subscription.status,
          newCredentialIds,
          previousCredentials: previous,
        },
        now,
      );
      await recordAudit(
        trx,
        actor,
        {
          action: "subscription.credentials_rotated",
          target: { type: "subscription", id: subscription.id },
          summary: {
            applicationId: subscription.applicationId,
            apiId: subscription.apiId,
            overlapSeconds,
            newCredentialIds,
            previous,
          },
        },
        now,
      );
      return subscription;
    });
  }

  /** Deletes credentials that stopped working more than `graceMs` ago; returns how many (housekeeping). */
  purgeEnded(graceMs = 7 * 86_400_000): Promise<number> {
    return deleteCredentialsEndedBefore(this.deps.db, new Date(this.deps.clock().getTime() - graceMs));
  }

  private async expireValid(
    trx: Kysely<Tables>,
    subscriptionId: string,
    expiresAt: Date,
    now: Date,
  ): Promise<{ credentialId: string; expiresAt: string }[]> {
    const previous = [];
    for (const credential of await listValidCredentialsOf(trx, [subscriptionId], now)) {
      previous.push({
        credentialId: credential.id,
        expiresAt: await expireCredential(trx, credential, expiresAt),
      });
    }
    return previous;
  }
}
