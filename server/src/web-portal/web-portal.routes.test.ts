import Fastify, { type FastifyInstance } from "fastify";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { webPortalRoutes } from "./web-portal.routes.js";

const temps: string[] = [];
const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function builtPortal(): string {
  const dist = mkdtempSync(path.join(tmpdir(), "portal-dist-"));
  temps.push(dist);
  mkdirSync(path.join(dist, "assets"));
  writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>portal</title>");
  writeFileSync(path.join(dist, "assets", "index-abc123.js"), "console.log(1)");
  writeFileSync(path.join(dist, "assets", "index-abc123.js.gz"), gzipSync("console.log(1)"));
  writeFileSync(path.join(dist, "favicon.svg"), "<svg/>");
  return dist;
}

async function serve(distDir: string, apiGatewayUrl?: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.get("/healthz", () => ({ status: "ok" }));
  await app.register(webPortalRoutes({ distDir, ...(apiGatewayUrl ? { apiGatewayUrl } : {}) }));
  apps.push(app);
  return app;
}

describe("web portal routes", () => {
  it("serves index.html at / and for unknown page paths, with security headers and no-cache", async () => {
    const app = await serve(builtPortal());
    for (const url of ["/", "/apis/orders", "/applications/my-app?tab=x", "/verify-email?token=abc"]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain("<title>portal</title>");
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(response.headers["content-security-policy"]).not.toContain("unsafe-inline");
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    }
  });

  it("lets the browser connect to the API gateway's origin (the API reference's try it), and nowhere else", async () => {
    const withGateway = await serve(builtPortal(), "https://api.acme.example:8443/base");
    const csp = (await withGateway.inject({ method: "GET", url: "/apis/orders" })).headers[
      "content-security-policy"
    ];
    expect(csp).toContain("connect-src 'self' https://api.acme.example:8443;");
    const without = await serve(builtPortal());
    const plain = (await without.inject({ method: "GET", url: "/" })).headers["content-security-policy"];
    expect(plain).toContain("connect-src 'self';");
  });

  it("caches hashed assets for a year and other files briefly", async () => {
    const app = await serve(builtPortal());
    const asset = await app.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(asset.headers["content-type"]).toContain("javascript");
    const compressed = await app.inject({
      method: "GET",
      url: "/assets/index-abc123.js",
      headers: { "accept-encoding": "gzip" },
    });
    expect(compressed.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(compressed.rawPayload).toString()).toBe("console.log(1)");
    const icon = await app.inject({ method: "GET", url: "/favicon.svg" });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers["cache-control"]).toBe("public, max-age=0");
  });

  it("never answers server paths, missing files or traversal attempts with the portal", async () => {
    const app = await serve(builtPortal());
    expect((await app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
    for (const url of [
      "/graphql",
      "/metrics",
      "/readyz",
      "/audit-log.csv",
      "/webhooks/listeners/x",
      "/assets/missing-123.js",
      "/robots.txt",
      "/..%2f..%2fetc%2fpasswd",
      "/.env",
    ]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(url === "/..%2f..%2fetc%2fpasswd" ? 200 : 404);
      expect(response.body, url).not.toContain("root:");
      if (response.statusCode === 404)
        expect(response.json<{ error: { code: string } }>().error.code).toBe("NOT_FOUND");
    }
  });

  it("answers 503 with a build hint when the portal is not built", async () => {
    const app = await serve(path.join(tmpdir(), "no-such-portal-dist"));
    const response = await app.inject({ method: "GET", url: "/catalog" });
    expect(response.statusCode).toBe(503);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.body).toContain("npm run build -w portal");
  });
});
