#!/usr/bin/env bash
# Starts the platform the way the README's quick start does (PGlite, demo federation) in a scratch DATA_DIR
# and checks that it answers; a small demo keeps CI fast.
set -euo pipefail
dir="$(mktemp -d)"
# A port nobody is listening on (an earlier run's server must not answer for this one).
port=38517
while curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; do port=$((port + 1)); done
# Own session, so the trap stops npm and the server it started, not only npm.
DATA_DIR="$dir" PORT="$port" DEMO_MEMBERS=20000 setsid npm start >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null || kill $pid 2>/dev/null || true; sleep 1; rm -rf "$dir"' EXIT
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 $pid 2>/dev/null; then cat "$dir/server.log"; echo "server exited"; exit 1; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/readyz"
echo
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">'
grep -q 'Demo accounts' "$dir/server.log" || { cat "$dir/server.log"; echo "no demo accounts printed"; exit 1; }
echo "quick start OK"
