import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where `npm run build -w portal` writes the built portal. */
export const defaultPortalDistDir = fileURLToPath(new URL("../../../portal/dist", import.meta.url));

/** Paths that belong to the server's own routes: never answered with the portal's index.html. */
const serverPaths = ["/graphql", "/healthz", "/readyz", "/metrics", "/audit-log.csv"];
const serverPrefixes = ["/webhooks/", "/graphql/"];

export function isServerPath(urlPath: string): boolean {
  return (
    serverPaths.includes(urlPath) ||
    serverPrefixes.some((prefix) => urlPath.startsWith(prefix)) ||
    urlPath === "/webhooks"
  );
}

/** Built assets carry a content hash in their name (`/assets/index-Ca5cKOki.js`) and never change. */
export function isHashedAsset(urlPath: string): boolean {
  return urlPath.startsWith("/assets/");
}

/**
 * The file under `root` that a URL path names, or null when the path is not a plain relative file path (encoded
 * separators, `..`, hidden files): such paths are never looked up on disk.
 */
export function fileForUrlPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const segments = decoded.split("/").filter((segment) => segment !== "");
  if (segments.length === 0) return null;
  if (segments.some((segment) => segment.startsWith("."))) return null;
  const file = path.join(root, ...segments);
  return file.startsWith(root + path.sep) ? file : null;
}

/** Whether the last segment of a URL path looks like a file name (`/favicon.ico`), not a page (`/apis/orders`). */
export function looksLikeFile(urlPath: string): boolean {
  const last = urlPath.slice(urlPath.lastIndexOf("/") + 1);
  return /\.[A-Za-z0-9]{1,8}$/.test(last);
}
