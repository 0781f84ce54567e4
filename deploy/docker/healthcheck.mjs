// Container health check: exits 0 when the URL answers 2xx within 3 s, else 1. Used by the Dockerfile's
// HEALTHCHECK and the compose services (node images have no curl): `node deploy/docker/healthcheck.mjs <url>`.
const url = process.argv[2];
if (!url) {
  process.stderr.write("usage: healthcheck.mjs <url>\n");
  process.exit(2);
}
fetch(url, { signal: AbortSignal.timeout(3000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
