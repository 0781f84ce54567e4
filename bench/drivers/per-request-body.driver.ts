import { createRequire } from "node:module";
import { text } from "node:stream/consumers";

/**
 * Run in a child process by `bench/harness.ts` for targets whose body changes per request (autocannon's CLI sends
 * one fixed body). Reads a {@link PerRequestBodySpec} as JSON from stdin, drives the URL with autocannon's
 * programmatic API, replacing `placeholder` in the body template by the next unused value for every request, and
 * prints autocannon's result (the same JSON as the CLI's `--json`) plus `valuesUsed` and `graphqlErrors`.
 */
export interface PerRequestBodySpec {
  readonly url: string;
  readonly method: "GET" | "POST";
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyTemplate: string;
  readonly placeholder: string;
  /** Each used at most once; the run stops early (`exhausted`) when they run out. */
  readonly values: readonly string[];
  readonly seconds: number;
  readonly connections: number;
}

interface RequestParams {
  body?: string;
}

interface AutocannonInstance extends PromiseLike<Record<string, unknown>> {
  stop(): void;
}

type Autocannon = (options: object) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const spec = JSON.parse(await text(process.stdin)) as PerRequestBodySpec;
let next = 0;
let exhausted = false;
let graphqlErrors = 0;
const firstErrors: string[] = [];

const instance = autocannon({
  url: spec.url,
  method: spec.method,
  headers: spec.headers,
  connections: spec.connections,
  duration: spec.seconds,
  requests: [
    {
      setupRequest(request: RequestParams): RequestParams {
        const value = spec.values[next];
        if (value === undefined) {
          // autocannon stops a client whose first request cannot be built; repeat the last value instead (the
          // server then answers with an error, counted below) and end the run.
          if (!exhausted) setImmediate(() => instance.stop());
          exhausted = true;
          return {
            ...request,
            body: spec.bodyTemplate.replaceAll(spec.placeholder, spec.values.at(-1) ?? ""),
          };
        }
        next += 1;
        return { ...request, body: spec.bodyTemplate.replaceAll(spec.placeholder, value) };
      },
      onResponse(status: number, body: string): void {
        if (status < 300 && body.includes('"errors"')) {
          graphqlErrors += 1;
          if (firstErrors.length < 3) firstErrors.push(body.slice(0, 300));
        }
      },
    },
  ],
});

const result = await instance;
process.stdout.write(JSON.stringify({ ...result, valuesUsed: next, exhausted, graphqlErrors, firstErrors }));
