import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { webhookOpenApiDocument, webhookOpenApiText } from "./webhook-openapi.js";
import { webhookRouteTable } from "./webhook.routes.js";

const file = fileURLToPath(new URL("../../../schema/openapi/webhooks.json", import.meta.url));

describe("webhook facade OpenAPI document", () => {
  it("is committed as generated (run `npm run schema:emit`)", () => {
    expect(readFileSync(file, "utf8")).toBe(webhookOpenApiText());
  });

  it("describes every route, with the reference system's paths, each with a unique operation id", () => {
    const document = webhookOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toHaveLength(webhookRouteTable.length);
    expect(operations).toEqual(
      expect.arrayContaining([
        "PUT /webhooks/listeners/{id}",
        "GET /webhooks/listeners",
        "GET /webhooks/listeners/{id}",
        "DELETE /webhooks/listeners/{id}",
        "GET /webhooks/events/{id}",
        "DELETE /webhooks/events/{id}/{eventId}",
        "DELETE /webhooks/events/{id}",
      ]),
    );
    const ids = webhookRouteTable.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
