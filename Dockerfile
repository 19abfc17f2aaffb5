# The connector image Flow runs: its entrypoint speaks the Flow capture protocol as JSON lines on
# stdin/stdout (FLOW_RUNTIME_CODEC=json). Build: docker build -t source-gitlab .
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 (the local runner's store) is a native addon built here.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY simulator ./simulator
COPY bench ./bench
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
LABEL FLOW_RUNTIME_PROTOCOL=capture
LABEL FLOW_RUNTIME_CODEC=json
ENV NODE_ENV=production
ENTRYPOINT ["node", "/app/dist/src/cli.js"]
