import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { issueOneTimeToken } from "../passwords/one-time-token.repository.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { accountLink } from "./account-links.js";
import { recordUserChange, userTarget } from "./user-change.js";
import type { User } from "./user.types.js";

/**
 * Issues a verification link for the user's current address (replacing any earlier one) and hands it to the
 * mailer through the `user.verification_requested` event. Call it inside the transaction of the change.
 */
export async function issueEmailVerification(
  trx: Kysely<Tables>,
  config: StaticConfig,
  actor: Actor,
  user: User,
  now: Date,
): Promise<void> {
  const issued = await issueOneTimeToken(
    trx,
    { userId: user.id, kind: "email_verification", email: user.email },
    now,
  );
  await recordUserChange(
    trx,
    actor,
    now,
    {
      action: "user.verification_requested",
      target: userTarget(user.id),
      summary: { email: user.email, expiresAt: issued.expiresAt.toISOString() },
    },
    {
      name: "user.verification_requested",
      payload: {
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        link: accountLink(config, "email_verification", issued.token),
        expiresAt: issued.expiresAt.toISOString(),
      },
    },
  );
}
