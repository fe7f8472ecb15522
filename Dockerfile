# procheck as a container image (issue 21). Not built in CI: no Docker engine runs there.
# test/server/deployment-files.test.ts checks that every path and script named here exists.
#
#   docker build -t procheck .
#   docker run -p 3000:3000 -v procheck-data:/data procheck          # SQLite in the volume
#   docker compose up                                                # PostgreSQL, two instances, Caddy (compose.yaml)

# 1. Build the web app with every dependency (Vite is a dev dependency).
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary; the compilers are for the platforms it has none for.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# The web app imports the engine, the API's shapes and two small modules of reports/.
COPY api ./api
COPY questionnaires ./questionnaires
COPY reports ./reports
COPY client ./client
RUN npm run build

# 2. Production dependencies only, compiled on the same base image the runtime uses.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 3. The runtime: slim, no compilers, not root.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PROCHECK_DB=/data/procheck.db
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY api ./api
COPY questionnaires ./questionnaires
COPY reports ./reports
COPY server ./server
COPY --from=build /app/client/dist ./client/dist
# The SQLite file (when PROCHECK_DATABASE_URL is not set) lives in the volume, owned by the unprivileged `node` user.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# /ready: database reachable and questionnaires loaded. The image has no curl; Node's fetch does.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM lets requests in flight finish and closes the database (see README: Shutdown).
STOPSIGNAL SIGTERM
CMD ["node", "bin/start.js"]
