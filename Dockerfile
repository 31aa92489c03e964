# prayerwire in a container (see README, "Operations"):
#   docker build -t prayerwire .
#   docker run -d --name prayerwire -p 8080:8080 -v prayerwire-data:/data prayerwire
# /data holds feeds.yml (put one there first) and the database; logs are JSON lines on stdout (docker logs).

# Build: better-sqlite3 compiles natively, TypeScript compiles src/ to dist/, then the dev dependencies go.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts

# Run: compiled code, production dependencies, migrations; no compiler, no source, not root.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY migrations ./migrations
COPY demo ./demo
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
# The server stops within 10 s of SIGTERM; give `docker stop -t 20`.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/prayerwire.mjs", "serve", "--config", "/data/feeds.yml", "--db", "/data/prayerwire.db"]
