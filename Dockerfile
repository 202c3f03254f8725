# syntax=docker/dockerfile:1
# The journey-processor service. Build context is the repo root (see .dockerignore).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests first, so the dependency layer is reused until package-lock.json changes.
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# Fail the build, not the container start, if the compiled entry point is not where CMD expects it.
RUN npx nest build journey-processor \
 && if [ ! -f dist/apps/journey-processor/apps/journey-processor/src/main.js ]; then \
      echo "nest build wrote no dist/apps/journey-processor/apps/journey-processor/src/main.js; main.js files found:" >&2; \
      find dist -name main.js >&2; \
      exit 1; \
    fi

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Production dependencies only: the build stage's tooling (Nest CLI, TypeScript, jest) stays behind.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/apps/journey-processor/apps/journey-processor/src/main.js"]
