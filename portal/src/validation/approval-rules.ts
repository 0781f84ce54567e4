// The server's rule for a decline reason (server/src/subscriptions/subscriptions.service.ts, `reasonSchema`).
import type { FieldProblems } from "./form-rules";

const MAX_REASON_LENGTH = 1000;

export function declineProblems(input: { reason: string }): FieldProblems {
  const reason = input.reason.trim();
  if (reason.length === 0) return { reason: "must not be empty: the requester sees why" };
  if (reason.length > MAX_REASON_LENGTH) return { reason: `must be at most ${MAX_REASON_LENGTH} characters` };
  return {};
}
