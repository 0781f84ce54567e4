/**
 * Test hooks that Kong does not have (CONTRACT.md §15 item 12): answer 500 on chosen requests or
 * after N requests, drop the connection without an answer, answer slowly. Refusing connections
 * altogether is done by the server (`faults.refuseConnections()`).
 */
export interface RequestMatch {
  method?: string;
  /** Exact path, or a pattern tested against the path (without query). */
  path?: string | RegExp;
}

export interface FaultOptions {
  match?: RequestMatch;
  /** Status to answer with instead of 500 (the body stays Kong's 500 body for 5xx). */
  status?: number;
  /** Apply the request first, then answer with the fault: Kong did the write but the answer was lost. */
  afterApply?: boolean;
}

type Action = "error" | "drop" | "delay";

interface Rule {
  action: Action;
  match: RequestMatch | undefined;
  /** Matching requests to let through before the rule fires. */
  skip: number;
  remaining: number;
  status: number;
  afterApply: boolean;
  delayMs: number;
}

export interface FaultDecision {
  delayMs: number;
  error?: { status: number; afterApply: boolean };
  drop?: { afterApply: boolean };
}

export interface ConnectionControl {
  refuse(): Promise<void>;
  accept(): Promise<void>;
}

export class FaultController {
  private rules: Rule[] = [];

  constructor(private readonly connections: ConnectionControl) {}

  /** The next `count` matching requests answer 500 `{"message":"An unexpected error occurred"}`. */
  failNext(count = 1, options: FaultOptions = {}): void {
    this.add("error", 0, count, options, 0);
  }

  /** The first `requests` matching requests succeed; every later one fails until `clear()`. */
  failAfter(requests: number, options: FaultOptions = {}): void {
    this.add("error", requests, Number.POSITIVE_INFINITY, options, 0);
  }

  /** The next `count` matching requests get their connection destroyed without an answer. */
  dropNext(count = 1, options: Omit<FaultOptions, "status"> = {}): void {
    this.add("drop", 0, count, options, 0);
  }

  /** Matching requests wait `ms` before being handled (`count` times, default every time). */
  delay(ms: number, options: { match?: RequestMatch; count?: number } = {}): void {
    this.add("delay", 0, options.count ?? Number.POSITIVE_INFINITY, { match: options.match }, ms);
  }

  /** Stops listening and destroys open connections: clients get ECONNREFUSED / ECONNRESET. */
  refuseConnections(): Promise<void> {
    return this.connections.refuse();
  }

  /** Listens again on the same port. */
  acceptConnections(): Promise<void> {
    return this.connections.accept();
  }

  /** Removes every rule (connections stay as they are). */
  clear(): void {
    this.rules = [];
  }

  /** Consumes the rules that apply to this request. */
  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    for (const rule of this.rules) {
      if (!matches(rule.match, method, path)) continue;
      if (rule.skip > 0) {
        rule.skip -= 1;
        continue;
      }
      if (rule.action === "delay") {
        decision.delayMs += rule.delayMs;
        rule.remaining -= 1;
      } else if (!decision.error && !decision.drop) {
        if (rule.action === "error") decision.error = { status: rule.status, afterApply: rule.afterApply };
        else decision.drop = { afterApply: rule.afterApply };
        rule.remaining -= 1;
      }
    }
    this.rules = this.rules.filter((rule) => rule.remaining > 0);
    return decision;
  }

  private add(action: Action, skip: number, count: number, options: FaultOptions, delayMs: number): void {
    this.rules.push({
      action,
      match: options.match,
      skip,
      remaining: count,
      status: options.status ?? 500,
      afterApply: options.afterApply ?? false,
      delayMs,
    });
  }
}

function matches(match: RequestMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path instanceof RegExp) return match.path.test(path);
  if (typeof match.path === "string") return match.path === path;
  return true;
}
