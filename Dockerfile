# syntax=docker/dockerfile:1
# Kaizen Hub, the production image: the steps the deploy tests run (tests/deploy/deploy.spec.ts lays
# out its instances from this file's COPY lines and checks them with its HEALTHCHECK), in stages.
#
#   docker build -t kaizen-hub .                                  # the server (the last stage)
#   docker build --target migrate -t kaizen-hub-migrate .         # the deploy step
#   docker run --rm -e DIRECT_URL=… -e DATABASE_URL=… kaizen-hub-migrate
#   docker run -p 3000:3000 -e DATABASE_URL=… -e AUTH_SECRET=… -e AUTH_URL=… \
#              -e RESEND_API_KEY=… -e EMAIL_FROM=… kaizen-hub
#
# Every variable: docs/configuration.md. docs/deploying.md, "With Docker", walks through it.

# Prisma 7 needs Node ^20.19 or >= 22.12.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app

# ─── Dependencies: the lockfile's, all of them (the build and the migration step need dev tools) ──
FROM base AS deps
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/
RUN npm ci --no-audit --no-fund

# ─── Build: `npm run build` (Prisma client, next build, the standalone folder) ──────────────────
FROM base AS build
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

# ─── The deploy step: `npm run db:deploy`, run once per release before the new servers start ────
FROM build AS migrate
ENV NODE_ENV=production
USER node
CMD ["npm", "run", "db:deploy"]

# ─── The server: the standalone folder and start.mjs, nothing else (no sources, no dev tools) ────
FROM base AS runner
ENV NODE_ENV=production \
    PORT=3000
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/scripts/start.mjs ./start.mjs
# The app's files belong to root and cannot be changed by the server; only Next's cache is its own.
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) ends it gracefully: requests in flight finish, outbox leases are released.
STOPSIGNAL SIGTERM
# A larger young generation (see docs/deploying.md, "The server's memory"): fewer collections under load.
CMD ["node", "--max-semi-space-size=64", "start.mjs"]
