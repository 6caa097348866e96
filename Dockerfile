# syntax=docker/dockerfile:1
# Ledgerwatch: Next's standalone server and the one-shot migration, on Node 24 (LTS), as a non-root
# user. `docker run IMAGE` serves on port 3000; `docker run IMAGE migrate` applies the
# migrations (and creates the administrator if missing) and exits. docs/deploy.md explains.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# `next build`, then scripts/standalone.ts: static assets, public/ and db/migrate.mjs beside server.js.
RUN npm run build

FROM ${NODE_IMAGE} AS runner
WORKDIR /app
# HOSTNAME: Docker sets it to the container's id; the server must listen on every interface.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# Owned by root, so the server can't rewrite its own code; only Next's cache is the node user's.
COPY --from=build /app/.next/standalone ./
COPY scripts/docker-entrypoint.sh /usr/local/bin/ledgerwatch
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
# The slim image has no curl: Node's own fetch asks the liveness endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["ledgerwatch"]
CMD ["serve"]
