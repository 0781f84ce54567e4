import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminCall } from "./admin-client.js";
import type { KongDouble } from "./kong-double.js";
import { startKongDouble } from "./kong-double.js";

describe("Kong double: transport (CONTRACT.md §1)", () => {
  let kong: KongDouble;
  beforeAll(async () => {
    kong = await startKongDouble({ version: "3.9.1" });
  });
  beforeEach(() => kong.reset());
  afterAll(async () => {
    await kong.close();
  });

  it("§1 answers JSON with charset, Server: kong/<version> and CORS headers", async () => {
    const answer = await adminCall(kong.url, "GET", "/consumers");
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(answer.headers.get("server")).toBe("kong/3.9.1");
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("§1 answers 415 with an empty body for a non-JSON/form content type and for a body without content type", async () => {
    const xml = await adminCall(kong.url, "POST", "/consumers", undefined, {
      raw: "<a/>",
      contentType: "text/xml",
    });
    expect(xml.status).toBe(415);
    expect(xml.text).toBe("");
    const untyped = await adminCall(kong.url, "POST", "/consumers", undefined, {
      raw: "username=x",
      contentType: null,
    });
    expect(untyped.status).toBe(415);
  });

  it("§1 answers 400 Cannot parse JSON body for malformed and for empty JSON", async () => {
    for (const raw of ["{not json", ""]) {
      const answer = await adminCall(kong.url, "POST", "/consumers", undefined, {
        raw,
        contentType: "application/json",
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ message: "Cannot parse JSON body" });
    }
  });

  it("§1 no body and no content type is an empty entity (and gets the consumer @entity error)", async () => {
    const answer = await adminCall(kong.url, "POST", "/consumers");
    expect(answer.status).toBe(400);
    expect(answer.body.fields).toEqual({
      "@entity": ["at least one of these fields must be non-empty: 'custom_id', 'username'"],
    });
  });

  it("§1 unknown path → 404 Not found; known path, wrong method → 405 Method not allowed", async () => {
    const unknown = await adminCall(kong.url, "GET", "/apis");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: "Not found" });
    for (const [method, path] of [
      ["DELETE", "/consumers"],
      ["PATCH", "/consumers"],
      ["POST", "/consumers/bob"],
    ] as const) {
      const answer = await adminCall(kong.url, method, path, {});
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.body).toEqual({ message: "Method not allowed" });
    }
  });

  it("§1 a trailing slash is tolerated", async () => {
    await adminCall(kong.url, "POST", "/consumers", { username: "bob" });
    const answer = await adminCall(kong.url, "GET", "/consumers/");
    expect(answer.status).toBe(200);
    expect(answer.body.data).toHaveLength(1);
  });

  it("§1 unknown query parameters are ignored: ?username= and ?name= do not filter", async () => {
    await adminCall(kong.url, "POST", "/consumers", { username: "a" });
    await adminCall(kong.url, "POST", "/consumers", { username: "b" });
    const answer = await adminCall(kong.url, "GET", "/consumers?username=a&foo=bar");
    expect(answer.body.data).toHaveLength(2);
  });

  it("§1 HEAD answers like GET without a body; OPTIONS answers 204 with the sorted Allow list", async () => {
    const head = await adminCall(kong.url, "HEAD", "/consumers");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    const options = await adminCall(kong.url, "OPTIONS", "/consumers");
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect(options.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS, POST");
  });

  it("§1 a body on GET is ignored", async () => {
    // fetch refuses a GET body, so this one goes through node:http
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(`${kong.url}/services`, {
        method: "GET",
        headers: { "content-type": "application/json", "content-length": "15" },
      });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on("error", reject);
      request.end("not json at all");
    });
    expect(status).toBe(200);
  });
});
