import { z } from "zod";
import {
  attemptSchema,
  deadLetterSchema,
  errorResponse,
  listenerSchema,
  webhookEventSchema,
} from "./webhook-api.schemas.js";
import { webhookRouteTable } from "./webhook.routes.js";
import type { WebhookRoute } from "./webhook-route.js";

type JsonObject = Record<string, unknown>;

const errorDescriptions: Readonly<Record<number, string>> = {
  400: "VALIDATION_FAILED with `fields` (e.g. `url` INVALID_URL, `events.0` INVALID_EVENT_PATTERN or UNKNOWN_EVENT).",
  401: "UNAUTHENTICATED: no credential, or an unknown, expired or revoked one.",
  403: "FORBIDDEN (not an administrator or service account; another account's listener; not a delivery account) or INSUFFICIENT_SCOPE (read-only credential).",
  404: "NOT_FOUND: no such listener (or event, attempt).",
  409: "CONFLICT: the lease is held by another bridge, the attempt was already recorded, or the delivery is no longer current.",
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
  }) as JsonObject;
  return rest;
}

const pascal = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/**
 * Named schemas under `components.schemas`: the shared shapes, each route's request body and each response body.
 * Converted registry-wide, so a shape used in several places (the event, the listener) is described once.
 */
function namedSchemas(): {
  components: JsonObject;
  requestId: Map<z.ZodType, string>;
  responseId: Map<z.ZodType, string>;
} {
  const inputs = z.registry<{ id: string }>();
  const outputs = z.registry<{ id: string }>();
  const requestId = new Map<z.ZodType, string>();
  const responseId = new Map<z.ZodType, string>();
  const shared: [z.ZodType, string][] = [
    [webhookEventSchema, "WebhookEvent"],
    [listenerSchema, "Listener"],
    [deadLetterSchema, "DeadLetter"],
    [attemptSchema, "DeliveryAttempt"],
    [errorResponse, "Error"],
  ];
  for (const [schema, id] of shared) {
    outputs.add(schema, { id });
    responseId.set(schema, id);
  }
  for (const route of webhookRouteTable) {
    if (route.body && !requestId.has(route.body)) {
      const id = `${pascal(route.operationId)}Request`;
      inputs.add(route.body, { id });
      requestId.set(route.body, id);
    }
    for (const response of Object.values(route.responses)) {
      if (response.schema && !responseId.has(response.schema)) {
        const id = `${pascal(route.operationId)}Response`;
        outputs.add(response.schema, { id });
        responseId.set(response.schema, id);
      }
    }
  }
  const convert = (registry: typeof inputs, io: "input" | "output") =>
    (
      z.toJSONSchema(registry, {
        io,
        target: "draft-2020-12",
        uri: (id) => `#/components/schemas/${id}`,
      }) as { schemas: Record<string, JsonObject> }
    ).schemas;
  const components: JsonObject = {};
  for (const [id, schema] of Object.entries({ ...convert(inputs, "input"), ...convert(outputs, "output") })) {
    const { $schema: _ignored, id: _id, ...rest } = schema;
    components[id] = rest;
  }
  return { components, requestId, responseId };
}

function parameters(route: WebhookRoute): JsonObject[] {
  const path = route.params
    ? Object.entries(jsonSchema(route.params, "input").properties as Record<string, JsonObject>).map(
        ([name, schema]) => ({ name, in: "path", required: true, ...describedSchema(schema) }),
      )
    : [];
  const queryJson = route.query ? jsonSchema(route.query, "input") : null;
  const required = new Set((queryJson?.required as string[] | undefined) ?? []);
  const query = queryJson
    ? Object.entries(queryJson.properties as Record<string, JsonObject>).map(([name, schema]) => ({
        name,
        in: "query",
        required: required.has(name),
        ...describedSchema(schema),
      }))
    : [];
  return [...path, ...query];
}

function describedSchema(schema: JsonObject): JsonObject {
  const { description, ...rest } = schema;
  return { ...(description === undefined ? {} : { description }), schema: rest };
}

function operation(route: WebhookRoute, named: ReturnType<typeof namedSchemas>): JsonObject {
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const id = response.schema ? named.responseId.get(response.schema) : undefined;
    responses[status] = {
      description: response.description,
      ...(id ? { content: { "application/json": { schema: ref(id) } } } : {}),
    };
  }
  for (const status of route.errors) {
    responses[String(status)] = {
      description: errorDescriptions[status] ?? "An error.",
      content: { "application/json": { schema: ref("Error") } },
    };
  }
  const params = parameters(route);
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    description: route.description,
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref(named.requestId.get(route.body) ?? "") } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of the webhook REST facade, generated from the route table and its zod schemas (the
 * ones the handlers parse with), so it cannot describe something the server does not do.
 */
export function webhookOpenApiDocument(): JsonObject {
  const named = namedSchemas();
  const paths: Record<string, JsonObject> = {};
  for (const route of webhookRouteTable) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route, named) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "API portal: webhook listeners",
      version: "1",
      description:
        "Webhook listeners of the portal's event log, with the reference system's paths (`/webhooks/listeners`, `/webhooks/events`). Authenticate with `Authorization: Bearer <token>` of a service account (PORTAL_SERVICE_ACCOUNTS) or of an administrator. See docs/webhooks.md.",
    },
    security: [{ bearer: [] }],
    tags: [
      { name: "Listeners", description: "Register, list, inspect and delete listeners." },
      { name: "Events", description: "Pending events, acknowledgements (positions) and replays." },
      { name: "Dead letters", description: "Events given up on, re-delivery, and the delivery ledger." },
      { name: "Delivery", description: "Used by the bridge (delivery accounts only)." },
    ],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: named.components,
    },
  };
}

export function webhookOpenApiText(): string {
  return `${JSON.stringify(webhookOpenApiDocument(), null, 2)}\n`;
}
