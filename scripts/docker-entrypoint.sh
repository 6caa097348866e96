#!/bin/sh
# The image's commands: `serve` (the default) runs the server, `migrate` the one-shot migration.
# exec, so the command gets the container's signals. server-hook.cjs (scripts/server-hook.ts) resolves
# each request's client address from the socket and TRUSTED_PROXIES.
set -eu
cd /app
case "${1:-serve}" in
  serve) exec node --require ./server-hook.cjs server.js ;;
  migrate) exec node db/migrate.mjs ;;
  *) echo "usage: serve | migrate" >&2; exit 2 ;;
esac
