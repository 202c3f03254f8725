# syntax=docker/dockerfile:1
# One image per service: the APP build argument names the Nest project to build and run
# (journey-processor, the default; journey-scheduler; collector). Build context is the repo root
# (see .dockerignore); docker-compose.yml builds each service with its own APP.
ARG APP=journey-processor

FROM node:20-bookworm-slim AS build
ARG APP
WORKDIR /app
# Manifests first, so the dependency layer is reused until package-lock.json changes.
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# Fail the build, not the container start, if the compiled entry point is not where CMD expects it.
RUN npx nest build "$APP" \
 && if [ ! -f "dist/apps/$APP/apps/$APP/src/main.js" ]; then \
      echo "nest build wrote no dist/apps/$APP/apps/$APP/src/main.js; main.js files found:" >&2; \
      find dist -name main.js >&2; \
      exit 1; \
    fi

FROM node:20-bookworm-slim AS runtime
ARG APP
ENV NODE_ENV=production
ENV APP_MAIN=dist/apps/${APP}/apps/${APP}/src/main.js
WORKDIR /app
# Production dependencies only: the build stage's tooling (Nest CLI, TypeScript, jest) stays behind.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
# The services' default ports: processor 3000, scheduler 3001, collector 3002.
EXPOSE 3000 3001 3002
# exec: node replaces the shell and receives SIGTERM itself, so a stop drains the current unit.
CMD ["sh", "-c", "exec node \"$APP_MAIN\""]
