# syntax=docker/dockerfile:1

# ---- toolchain: what native modules need to compile ----
FROM node:20-bookworm-slim AS toolchain
# argon2's prebuilt binary targets Node-API 10 (Node 22.14+) and crashes Node 20 as it loads,
# so its install script falls back to compiling it with node-gyp, which needs these.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
# npm 10 in this image ignores package.json's allowScripts; keep @scarf/scarf's install-time
# telemetry off by its own switch.
ENV SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./

# ---- build: compile TypeScript with the full (dev) dependency set ----
FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- prod-deps: production dependencies only, compiled here so the runtime needs no toolchain ----
FROM toolchain AS prod-deps
# --omit=optional drops the 60 MB of embedded-postgres binaries (the runtime image never starts
# an embedded server, see below), msgpackr's native speed-up and pg's Cloudflare socket shim;
# the latter two have pure-JS fallbacks or are unused on Node.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund

# ---- runtime ----
FROM node:20-bookworm-slim AS runtime
# In a container the database and Redis are separate services (see docker-compose.yml): fail
# with instructions instead of starting an embedded PostgreSQL or a private Redis whose data
# would vanish with the container.
ENV NODE_ENV=production \
    EMBEDDED_POSTGRES=never \
    PRIVATE_REDIS=never
WORKDIR /app
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The official image's unprivileged user; the app needs no write access to /app.
USER node
EXPOSE 3000
# No curl in the slim image: Node 20's fetch does the probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
