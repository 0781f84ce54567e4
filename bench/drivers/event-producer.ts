import { system } from "../../server/src/actor/actor.js";
import type { DatabaseHandle } from "../../server/src/database/database.types.js";
import { appendEvent } from "../../server/src/events/outbox.repository.js";

/** Most mutations in flight at once; beyond it the producer falls behind its schedule (and says so). */
const MAX_IN_FLIGHT = 256;

export interface ProducedRun {
  /** Marker → `performance.now()` when the mutation's answer arrived (the change was committed). */
  readonly committedAt: Map<string, number>;
  /** Marker → `performance.now()` when the mutation was sent. */
  readonly sentAt: Map<string, number>;
  /** Events per second actually committed. */
  readonly achievedRate: number;
  readonly failures: number;
}

/**
 * Commits `createAccessToken` mutations (each one `access_token.created` event whose payload `name` is the
 * marker) through the portal's GraphQL API at a fixed rate, open loop: each is sent at its scheduled time whether
 * or not earlier ones have answered, so a slow portal shows up as latency, not as a lower rate.
 */
export async function produceAtRate(
  portalUrl: string,
  cookie: string,
  prefix: string,
  ratePerSec: number,
  seconds: number,
): Promise<ProducedRun> {
  const total = Math.max(1, Math.round(ratePerSec * seconds));
  const committedAt = new Map<string, number>();
  const sentAt = new Map<string, number>();
  let failures = 0;
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / ratePerSec;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight >= MAX_IN_FLIGHT) await new Promise((resolve) => setTimeout(resolve, 1));
    const marker = `${prefix}-${i}`;
    inFlight += 1;
    sentAt.set(marker, performance.now());
    pending.push(
      createToken(portalUrl, cookie, marker)
        .then(() => void committedAt.set(marker, performance.now()))
        .catch(() => void (failures += 1))
        .finally(() => void (inFlight -= 1)),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  return { committedAt, sentAt, achievedRate: committedAt.size / elapsed, failures };
}

async function createToken(portalUrl: string, cookie: string, name: string): Promise<void> {
  const response = await fetch(`${portalUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      query: `mutation ($name: String!) { createAccessToken(input: { name: $name, scope: READ }) { accessToken { id } } }`,
      variables: { name },
    }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || body.errors?.length)
    throw new Error(`createAccessToken failed: ${JSON.stringify(body)}`);
}

/**
 * Appends events straight into the portal's log (another connection to its database), `perTransaction` at a time,
 * at a fixed rate: a producer that is not itself limited by the GraphQL mutation path, to find how fast the bridge
 * and the facade can deliver. The portal's own replicas find these events by polling (or NOTIFY on PostgreSQL).
 */
export async function appendAtRate(
  database: DatabaseHandle,
  prefix: string,
  ratePerSec: number,
  seconds: number,
  perTransaction = 50,
): Promise<{ readonly appended: number; readonly achievedRate: number }> {
  const total = Math.round(ratePerSec * seconds);
  const started = performance.now();
  let appended = 0;
  while (appended < total) {
    const due = started + (appended * 1000) / ratePerSec;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const count = Math.min(perTransaction, total - appended);
    const first = appended;
    await database.db.transaction().execute(async (trx) => {
      for (let i = first; i < first + count; i++) {
        await appendEvent(trx, system("bench"), "access_token.created", {
          userId: "bench",
          tokenId: `${prefix}-${i}`,
          name: `${prefix}-${i}`,
          scope: "read",
          expiresAt: null,
        });
      }
    });
    appended += count;
  }
  return { appended, achievedRate: appended / ((performance.now() - started) / 1000) };
}
