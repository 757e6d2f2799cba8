#!/usr/bin/env bash
# The example service's load run: start the jar on a fresh data folder, time the first answer, seed 50 articles,
# then wrk (Debian's `wrk`; -t2 -c32 -d20s) each endpoint cold and again warm, with the rate limits raised.
# Usage: examples/load/run.sh [path/to/conduit.jar]   (JAVA=... for another JDK, JOPTS=... for JVM options; by
# default the README's: the class archive the build made beside the jar)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=${1:-$here/../target/conduit.jar}
jopts=${JOPTS--XX:SharedArchiveFile=${jar%.jar}.jsa}
java=${JAVA:-java}
port=${PORT:-18090}
work=$(mktemp -d)
wrk_run() { wrk -t2 -c32 -d20s --latency "$@" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"; }

start=$(date +%s%N)
CONDUIT_PORT=$port CONDUIT_DATA=$work/data CONDUIT_RATE_PER_SECOND=1000000 \
  "$java" $jopts -jar "$jar" > "$work/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "localhost:$port/api/tags" > /dev/null; do sleep 0.01; done
first=$(( ($(date +%s%N) - start) / 1000000 ))
echo "first answer (GET /api/tags) ${first} ms after start; embedded PostgreSQL (initdb on a fresh folder, in" \
  "parallel with Hibernate's boot): $(grep -o 'started in [0-9,]* ms' "$work/service.log" | head -1)"
echo "resident after start: $(grep VmRSS /proc/$pid/status | tr -s ' \t' ' ')"

token=$(curl -s -X POST "localhost:$port/api/users" -H 'Content-Type: application/json' \
  -d '{"user":{"username":"loader","email":"loader@example.com","password":"loadload"}}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["token"])')
for i in $(seq 1 50); do
  curl -s -X POST "localhost:$port/api/articles" -H 'Content-Type: application/json' -H "Authorization: Token $token" \
    -d "{\"article\":{\"title\":\"Seed $i\",\"description\":\"Seeded\",\"body\":\"Body $i\",\"tagList\":[\"seed\",\"t$((i % 5))\"]}}" \
    > "$work/last.json"
done
slug=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["article"]["slug"])' "$work/last.json")

for phase in cold warm; do
  echo "== $phase"
  echo "-- single article with a token"; wrk_run -H "Authorization: Token $token" "http://localhost:$port/api/articles/$slug"
  echo "-- article list"; wrk_run "http://localhost:$port/api/articles"
  echo "-- tags"; wrk_run "http://localhost:$port/api/tags"
done
echo "-- article creation"; wrk_run -s "$here/post.lua" -H "Authorization: Token $token" "http://localhost:$port/api/articles"
echo "resident after the runs: $(grep VmRSS /proc/$pid/status | tr -s ' \t' ' ')"
echo "5xx answers in the access log: $(grep -cE 'INFO: [A-Z]+ [^ ]+ 5[0-9]{2} ' "$work/service.log" || true)"
