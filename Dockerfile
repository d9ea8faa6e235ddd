# paa-bot: `docker build -t paa-bot .`, then `docker compose up -d` (docker-compose.yml) or
# `docker run --env-file .env -v paa-data:/data paa-bot`. README.md, "Running it for your community".
#
# Both stages start from the same Debian image, so better-sqlite3's native addon, compiled (or fetched prebuilt)
# in the first, links against the glibc and the Node ABI of the second.
ARG NODE_IMAGE=node:20-bookworm-slim

# ─── build: all dependencies, tsc, then only the production ones kept ──────────────────────────────
FROM ${NODE_IMAGE} AS build
# python3, make and g++ build better-sqlite3 when no prebuilt binary can be fetched; the image's own Node
# headers (/usr/local/include/node) are used instead of downloading them.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig*.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ─── runtime: node, the compiled bot, production node_modules, the shipped knowledge ─────────────
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATABASE_URL=sqlite:/data/paa.db \
    METRICS_PORT=9464
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY knowledge ./knowledge
# The image's own unprivileged user (uid 1000). It owns /data only: the code stays read-only to the bot.
# ./data links to /data, so an env file that leaves DATABASE_URL blank (the default, sqlite:./data/paa.db) still
# writes into the volume and not into the image.
RUN mkdir -p /data && chown node:node /data && ln -s /data /app/data
USER node
VOLUME /data
# /healthz is served on METRICS_PORT (bound to 127.0.0.1 inside the container unless METRICS_HOST says
# otherwise): 200 when the gateway is connected and the database writable. The image has no curl; node's fetch
# does the same.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.METRICS_PORT}/healthz`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The bot itself receives `docker stop`'s SIGTERM (no npm or shell in between) and exits 0 within 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "dist/index.js"]
