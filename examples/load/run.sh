#!/usr/bin/env bash
# The example service's load run: start the jar on a fresh data folder, time the first answer, seed 50 articles,
# then wrk (Debian's `wrk`; -t2 -c32 -d20s) each endpoint cold and again warm, with the rate limits raised.
# Usage: examples/load/run.sh [path/to/conduit.jar]   (JAVA=... for another JDK, JOPTS=... for JVM options; by
# default the README's: Serial GC and the class archive the build made beside the jar)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=${1:-$here/../target/conduit.jar}
jopts=${JOPTS--XX:+UseSerialGC -XX:SharedArchiveFile=${jar%.jar}.jsa}
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
echo "resident after start: JVM $(( $(awk '/VmRSS/ { print $2 }' /proc/$pid/status) / 1024 )) MB"

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
# Resident memory of the JVM, and of the embedded PostgreSQL's processes (PSS: shared buffers counted once).
pg_pss() {
  local postmaster total=0 p
  postmaster=$(pgrep -f -- "-D $work/data/postgres" | head -1)
  [ -n "$postmaster" ] || { echo "?"; return; }
  for p in $postmaster $(pgrep -P "$postmaster"); do
    total=$(( total + $(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0) ))
  done
  echo "$(( total / 1024 )) MB"
}
echo "resident after the runs: JVM $(( $(awk '/VmRSS/ { print $2 }' /proc/$pid/status) / 1024 )) MB;" \
  "embedded PostgreSQL $(pg_pss) (PSS)"
command -v jcmd > /dev/null && jcmd "$pid" GC.heap_info 2>/dev/null | sed -n '2,3p' || true
echo "5xx answers in the access log: $(grep -cE 'INFO: [A-Z]+ [^ ]+ 5[0-9]{2} ' "$work/service.log" || true)"

# Started again on the same data (the database made before): the first answer without initdb.
kill "$pid"; wait "$pid" 2>/dev/null || true
start=$(date +%s%N)
CONDUIT_PORT=$port CONDUIT_DATA=$work/data "$java" $jopts -jar "$jar" > "$work/restart.log" 2>&1 &
pid=$!
until curl -sf "localhost:$port/api/tags" > /dev/null; do sleep 0.01; done
echo "restart on the same data: first answer $(( ($(date +%s%N) - start) / 1000000 )) ms;" \
  "embedded PostgreSQL $(grep -o 'started in [0-9,]* ms' "$work/restart.log" | head -1)"

# A second instance on the first one's PostgreSQL (CONDUIT_JDBC_URL): the first answer once the database is up.
pgport=$(grep -o 'PostgreSQL on port [0-9]*' "$work/restart.log" | grep -o '[0-9]*$')
for run in 1 2 3; do
  start=$(date +%s%N)
  CONDUIT_PORT=$((port + 1)) CONDUIT_DATA=$work/second CONDUIT_JDBC_URL=jdbc:postgresql://localhost:$pgport/postgres \
    CONDUIT_JDBC_USER=postgres "$java" $jopts -jar "$jar" > "$work/second.log" 2>&1 &
  second=$!
  until curl -sf "localhost:$((port + 1))/api/tags" > /dev/null; do sleep 0.01; done
  echo "PostgreSQL already up (CONDUIT_JDBC_URL), run $run: first answer $(( ($(date +%s%N) - start) / 1000000 )) ms"
  kill "$second"; wait "$second" 2>/dev/null || true
done

# The limiter under the same load, at its default (50 requests/s per client, bursts of 100; this restart did not
# raise it): admissions counted from wrk's totals, against what the policy allows in the time.
admitted_run=$(wrk -t2 -c32 -d10s "http://localhost:$port/api/tags")
total=$(echo "$admitted_run" | awk '/requests in/ { print $1 }')
seconds=$(echo "$admitted_run" | awk '/requests in/ { sub(/s,?$/, "", $4); print $4 }')
refused=$(echo "$admitted_run" | awk '/Non-2xx/ { print $NF }')
echo "rate limit at 50/s, burst 100, ${seconds} s of wrk: $(( total - ${refused:-0} )) of $total admitted" \
  "(the policy allows at most $(awk -v s="$seconds" 'BEGIN { printf "%d", 100 + 50 * s }')), the rest 429"
