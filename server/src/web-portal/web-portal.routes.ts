import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { stat } from "node:fs/promises";
import path from "node:path";
import { errorBody } from "../http/http-error.js";
import { webPortalHeaders } from "./web-portal.headers.js";
import { fileForUrlPath, isHashedAsset, isServerPath, looksLikeFile } from "./web-portal.paths.js";

export interface WebPortalRoutesOptions {
  /** The built portal (`portal/dist`); it may appear after the server started. */
  readonly distDir: string;
  /** `portal.urls.apiGateway`: the API reference's "try it" calls the gateway from the browser. */
  readonly apiGatewayUrl?: string;
}

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal not built</title></head>
<body><main><h1>The web portal is not built</h1>
<p>Run <code>npm run build -w portal</code> (or <code>npm start</code>, which builds it), then reload this page.</p>
<p>The GraphQL API at <a href="/graphql">/graphql</a> works without it.</p></main></body></html>
`;

/**
 * Serves the built web portal at `/`: files of `portal/dist` (hashed assets cached for a year, everything else
 * revalidated), `index.html` for every other GET path that is not one of the server's own routes (the portal's
 * router shows the page), and a 503 page telling to build the portal when `portal/dist` does not exist.
 */
export function webPortalRoutes(options: WebPortalRoutesOptions): FastifyPluginAsync {
  const root = path.resolve(options.distDir);
  const indexFile = path.join(root, "index.html");
  const securityHeaders = webPortalHeaders(options.apiGatewayUrl);
  return async (fastify) => {
    await fastify.register(fastifyStatic, { root, serve: false, preCompressed: true });

    fastify.addHook("onSend", (_request, reply, payload, done) => {
      void reply.headers(securityHeaders);
      done(null, payload);
    });

    const sendIndex = async (reply: FastifyReply) => {
      if (!(await isFile(indexFile))) {
        return reply
          .code(503)
          .header("cache-control", "no-store")
          .type("text/html; charset=utf-8")
          .send(notBuiltPage);
      }
      return reply.sendFile("index.html", { cacheControl: false }).header("cache-control", "no-cache");
    };

    fastify.get("/*", async (request, reply) => {
      const urlPath = request.url.split("?", 1)[0] ?? "/";
      if (isServerPath(urlPath)) {
        return reply.code(404).send(errorBody("NOT_FOUND", `No route for ${request.method} ${urlPath}`));
      }
      if (urlPath === "/" || urlPath === "/index.html") return sendIndex(reply);
      const file = fileForUrlPath(root, urlPath);
      if (file && (await isFile(file))) {
        const relative = path.relative(root, file);
        return isHashedAsset(urlPath)
          ? reply.sendFile(relative, { maxAge: "365d", immutable: true })
          : reply.sendFile(relative, { maxAge: 0 });
      }
      if (looksLikeFile(urlPath) || isHashedAsset(urlPath)) {
        return reply.code(404).send(errorBody("NOT_FOUND", `No file ${urlPath}`));
      }
      return sendIndex(reply);
    });
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
