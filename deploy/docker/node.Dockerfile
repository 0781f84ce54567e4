# syntax=docker/dockerfile:1
# One image for every Node process of the portal: the server, the web portal on its own, the bridge and the
# built-in listeners (Kong adapter, mailer, chatbot). The compose services and Kubernetes Deployments choose the
# process with their command. Build from the repository root:
#   docker build -f deploy/docker/node.Dockerfile -t api-portal .
# The processes run TypeScript through tsx (docs/operations.md, "Starting"), so the runtime keeps tsx and its
# esbuild besides the production dependencies (deploy/tests/compose.test.ts checks that list against the lockfile).

ARG NODE_IMAGE=node:20.20-bookworm-slim

# All dependencies; better-sqlite3 compiles here when no prebuilt binary can be fetched.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY bridge/package.json bridge/
COPY portal/package.json portal/
RUN npm ci --no-audit --no-fund

# The web portal's static files.
FROM deps AS build
COPY . .
RUN npm run build -w portal

# Production dependencies only, reusing the compiled native modules.
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PORTAL_CONFIG_DIR=/srv/config \
    PORTAL_DATA_DIR=/data
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=deps /app/node_modules/tsx ./node_modules/tsx
COPY --from=deps /app/node_modules/esbuild ./node_modules/esbuild
COPY --from=deps /app/node_modules/@esbuild ./node_modules/@esbuild
COPY package.json tsconfig.json tsconfig.base.json ./
COPY server/package.json server/tsconfig.json server/
COPY server/bin server/bin
COPY server/src server/src
COPY bridge/package.json bridge/tsconfig.json bridge/environment-variables.json bridge/
COPY bridge/src bridge/src
COPY --from=build /app/portal/dist portal/dist
COPY deploy/config /srv/config
COPY deploy/docker/healthcheck.mjs deploy/docker/healthcheck.mjs
# The node image's unprivileged user (uid 1000); /data is the only writable place (SQLite and the mail outbox when
# no PostgreSQL or SMTP server is configured).
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "deploy/docker/healthcheck.mjs", "http://127.0.0.1:3000/healthz"]
CMD ["node", "--import", "tsx/esm", "server/src/main.ts"]
