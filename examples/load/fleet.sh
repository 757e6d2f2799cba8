#!/usr/bin/env bash
# The load run against a fleet of two: a Redis (Debian's redis-server on PATH), instance A with the embedded
# PostgreSQL, instance B on A's PostgreSQL and the same data folder, both with CONDUIT_REDIS_URL. Seeds 50 articles,
# warms up, then runs wrk (-t1 -c16 -d20s against each instance at once, 32 connections in all, as the single run)
# per endpoint, and reports requests/s and p99 per instance, their sum, and the Redis round trips per request.
# Then the faults, with wrk (faults.lua: mixed reads, answers counted by status) against both instances: Redis stopped
# and started again empty, then frozen with kill -STOP and let go, with an article changed through one instance in
# each outage and read back through both afterwards. (PostgreSQL stopped and started under load is FleetFaultsTest's:
# here it belongs to instance A.)
# Usage: examples/load/fleet.sh [path/to/conduit.jar]   (JAVA=..., JOPTS=... as for run.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=${1:-$here/../target/conduit.jar}
java=${JAVA:-java}
jopts=${JOPTS--XX:+UseSerialGC -XX:SharedArchiveFile=${jar%.jar}.jsa}
work=$(mktemp -d)
redis_port=${REDIS_PORT:-16390}
a=18190
b=18191
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT

start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >> "$work/redis.log" 2>&1 &
  redis_pid=$!
  pids+=("$redis_pid")
  until redis-cli -p "$redis_port" ping > /dev/null 2>&1; do sleep 0.05; done
}
start_redis
redis=redis://127.0.0.1:$redis_port

CONDUIT_PORT=$a CONDUIT_DATA=$work/data CONDUIT_REDIS_URL=$redis CONDUIT_RATE_PER_SECOND=1000000 \
  "$java" $jopts -jar "$jar" > "$work/a.log" 2>&1 &
a_pid=$!
pids+=("$a_pid")
until curl -sf "localhost:$a/api/tags" > /dev/null; do sleep 0.05; done
pg=$(grep -o 'PostgreSQL on port [0-9]*' "$work/a.log" | grep -o '[0-9]*$')
CONDUIT_PORT=$b CONDUIT_DATA=$work/data CONDUIT_REDIS_URL=$redis CONDUIT_RATE_PER_SECOND=1000000 \
  CONDUIT_JDBC_URL=jdbc:postgresql://localhost:$pg/postgres CONDUIT_JDBC_USER=postgres \
  "$java" $jopts -jar "$jar" > "$work/b.log" 2>&1 &
b_pid=$!
pids+=("$b_pid")
until curl -sf "localhost:$b/api/tags" > /dev/null; do sleep 0.05; done

token=$(curl -s -X POST "localhost:$a/api/users" -H 'Content-Type: application/json' \
  -d '{"user":{"username":"loader","email":"loader@example.com","password":"loadload"}}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["token"])')
for i in $(seq 1 50); do
  curl -s -X POST "localhost:$a/api/articles" -H 'Content-Type: application/json' -H "Authorization: Token $token" \
    -d "{\"article\":{\"title\":\"Seed $i\",\"description\":\"Seeded\",\"body\":\"Body $i\",\"tagList\":[\"seed\",\"t$((i % 5))\"]}}" \
    > "$work/last.json"
done
slug=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["article"]["slug"])' "$work/last.json")

# Redis's counters: all commands run (scripts' inner commands included), EVALSHA calls, EXISTS calls.
stats() {
  redis-cli -p "$redis_port" info all | tr -d '\r' | awk -F'[:=,]' '
    /^total_commands_processed:/ { total = $2 }
    /^cmdstat_evalsha:/ { evalsha = $3 }
    /^cmdstat_exists:/ { exists = $3 }
    END { print total + 0, evalsha + 0, exists + 0 }'
}

# Both instances at once; prints each one's requests/s and p99, the sum, and Redis commands per request.
both() {
  local name=$1; shift
  local before after
  before=$(stats)
  wrk -t1 -c16 -d20s --latency "$@" "http://localhost:$a$path" > "$work/wrk-a.txt" &
  local wa=$!
  wrk -t1 -c16 -d20s --latency "$@" "http://localhost:$b$path" > "$work/wrk-b.txt" &
  wait "$wa" $!
  after=$(stats)
  python3 - "$name" "$work/wrk-a.txt" "$work/wrk-b.txt" "$before" "$after" <<'PY'
import re, sys
name, fa, fb = sys.argv[1], sys.argv[2], sys.argv[3]
before = [int(x) for x in sys.argv[4].split()]
after = [int(x) for x in sys.argv[5].split()]
def read(f):
    t = open(f).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    total = int(re.search(r"(\d+) requests in", t).group(1))
    p99 = re.search(r"99%\s+(\S+)", t).group(1)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    return rps, total, p99, int(bad.group(1)) if bad else 0
ra, ta, pa, ba = read(fa)
rb, tb, pb, bb = read(fb)
n = max(1, ta + tb)
total, evalsha, exists = (after[i] - before[i] for i in range(3))
print(f"-- {name}: A {ra:,.0f}/s (p99 {pa}), B {rb:,.0f}/s (p99 {pb}), fleet {ra + rb:,.0f}/s;"
      f" per request: {evalsha / n:.2f} EVALSHA + {exists / n:.2f} EXISTS sent to Redis,"
      f" {total / n:.2f} commands run there (a script's own count too); non-2xx {ba + bb}")
PY
}

for phase in warm-up measured; do
  echo "== $phase"
  path=/api/articles/$slug; both "single article with a token" -H "Authorization: Token $token"
  path=/api/articles; both "article list"
  path=/api/tags; both "tags"
done
echo "resident: A $(( $(awk '/VmRSS/ { print $2 }' /proc/$a_pid/status) / 1024 )) MB," \
  "B $(( $(awk '/VmRSS/ { print $2 }' /proc/$b_pid/status) / 1024 )) MB," \
  "Redis $(( $(awk '/VmRSS/ { print $2 }' /proc/$redis_pid/status) / 1024 )) MB"
echo "5xx answers in the access logs: $(cat "$work/a.log" "$work/b.log" | grep -cE 'INFO: [A-Z]+ [^ ]+ 5[0-9]{2} ' || true)"

# The faults. wrk -t1 -c8 against each instance, with the answers counted by status.
under_load() {
  local seconds=$1
  SLUG=$slug TOKEN=$token wrk -t1 -c8 -d"${seconds}s" -s "$here/faults.lua" "http://localhost:$a" > "$work/fa.txt" &
  fa=$!
  SLUG=$slug TOKEN=$token wrk -t1 -c8 -d"${seconds}s" -s "$here/faults.lua" "http://localhost:$b" > "$work/fb.txt" &
  fb=$!
}
report() {
  wait "$fa" "$fb"
  echo "   A: $(grep -o '[0-9.]* requests in [^,]*' "$work/fa.txt"); $(grep statuses "$work/fa.txt")"
  echo "   B: $(grep -o '[0-9.]* requests in [^,]*' "$work/fb.txt"); $(grep statuses "$work/fb.txt")"
}
change_body() { # instance port, new body: the status of the update
  curl -s -o /dev/null -w '%{http_code}' -X PUT "localhost:$1/api/articles/$slug" -H 'Content-Type: application/json' \
    -H "Authorization: Token $token" -d "{\"article\":{\"body\":\"$2\"}}"
}
body_on() {
  curl -s "localhost:$1/api/articles/$slug" | python3 -c 'import json,sys; print(json.load(sys.stdin)["article"]["body"])'
}

echo "== faults: Redis stopped at 5 s, started again empty at 12 s, frozen at 20 s, let go at 26 s (40 s of load)"
under_load 40
sleep 5; kill "$redis_pid"; wait "$redis_pid" 2>/dev/null || true
sleep 2; echo "   body changed through A while Redis is down: $(change_body $a 'changed while Redis was down')"
sleep 5; start_redis
sleep 8; kill -STOP "$redis_pid"
sleep 2; echo "   body changed through B while Redis is frozen: $(change_body $b 'changed while Redis was frozen')"
sleep 4; kill -CONT "$redis_pid"
report
echo "   read back after the load: A '$(body_on $a)', B '$(body_on $b)'"
echo "   Redis used again: $(redis-cli -p "$redis_port" info commandstats | grep -o 'cmdstat_evalsha:calls=[0-9]*')"
