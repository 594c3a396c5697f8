#!/usr/bin/env bash
# Search benchmark for the library, on loopback:
#   1. seeds REVIEWS published reviews with bench/seed_library (deterministic text: 40 services,
#      48 failure modes, 30 people), unless DB names an existing seeded file;
#   2. starts `debrief serve` on it;
#   3. runs wrk (c=16, DURATION) over GET /api/v1/library/search, every request taking the next
#      of the queries below: words, phrases, prefixes, exclusions, filters, both sort orders,
#      the anonymised copy, and browsing without words;
#   4. prints requests/s, p50 and p99 (wrk's own latency percentiles), and how many results the
#      queries match, so the figures can be read against the work done.
# Two runs: "repeated" cycles the queries as they are, so after the first round they are answered
# from the server's response cache (until the library changes), as repeated searches are in use;
# "uncached" makes every query string unique (an ignored nocache=N parameter), so each request
# searches the index: the cost of a search nobody made before. A third, at c=1, shows the
# uncached cost of one search without queueing behind others.
# Usage: bench/library-load.sh  (env: REVIEWS=100000 DB= DURATION=20s CONNECTIONS=16 THREADS=2
#        SEARCH_THREADS=, the server's --search-threads: unset is one per core, 0 searches on the
#        event loop; DB may be a postgres:// URL seeded already, with its TOKEN)
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
REVIEWS=${REVIEWS:-100000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18182}

work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

if [ -n "${DB:-}" ]; then
  db=$DB
  token=${TOKEN:-$(cat "$DB.token")}
else
  db="$work/library.db"
  echo "== seeding $REVIEWS published reviews"
  start=$(date +%s%N)
  token=$("$BUILD_DIR/bench/seed_library" "$db" "$REVIEWS")
  echo "   seeded in $(( ($(date +%s%N) - start) / 1000000 )) ms"
fi
[ ! -f "$db" ] || echo "   database: $(du -h "$db" | cut -f1)"

"$BUILD_DIR/src/server/debrief" serve --db "$db" --listen "127.0.0.1:$PORT" \
  ${SEARCH_THREADS:+--search-threads "$SEARCH_THREADS"} > /dev/null 2> "$work/serve.err" &
server=$!
# The server builds its search index before it listens: about 2.5 s per 100,000 reviews.
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$PORT"

# What people look for after an incident: failure modes, services, symptoms, with and without
# filters. URL-encoded query strings.
queries=(
  "q=certificate%20expiry"
  "q=connection%20pool"
  "q=%22replication%20lag%22"
  "q=dns"
  "q=kafka%20backlog"
  "q=oom"
  "q=retry%20storm"
  "q=deadlock"
  "q=failover&severity=SEV1"
  "q=timeout&service=payments"
  "q=rollback&factor_category=change_process"
  "q=certif*"
  "q=latency%20-mobile"
  "q=runbook&sort=newest"
  "q=cache&anonymised=true"
  "q=partition&tag=customer-facing"
  "q=vault%20seal"
  "q=hot%20partition&from=2022-01-01&to=2023-12-31"
  "q=checkout"
  "q=deploy"
  "service=checkout"
  "severity=SEV1,SEV2&sort=newest"
  "q=clock%20skew"
  "q=webhook%20delivery"
  "q=schema%20migration&service=postgres"
  "q=noisy%20neighbour"
  "q=pages&severity=SEV3"
  "q=load%20balancer%20health"
)

echo "== results per query (total matches)"
for query in "${queries[@]}"; do
  total=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/library/search?$query" |
    sed -E 's/^\{"total":([0-9]+).*/\1/')
  printf '   %-52s %s\n' "$query" "$total"
done

lua_list=$(printf '"%s",' "${queries[@]}")
cat > "$work/search.lua" <<LUA
local queries = { ${lua_list%,} }
local counter = 0
local unique = 0
local cold = os.getenv("WRK_COLD")
-- Each wrk thread is numbered in setup() (in the main Lua state) and gets its number as thread_id
-- in its own state, so no two threads send the same nocache value. (math.random is not seeded
-- per thread: it gives every thread the same values, and half the "unique" requests would be
-- answered from the cache.)
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
wrk.headers["Authorization"] = "Bearer $token"
function request()
  counter = counter % #queries + 1
  local path = "/api/v1/library/search?" .. queries[counter]
  if cold then
    unique = unique + 1
    path = path .. "&nocache=" .. thread_id .. "-" .. unique
  end
  return wrk.format("GET", path)
end
local ok, bad = 0, 0
function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
LUA

echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION, ${#queries[@]} queries in turn"
printf '   %-10s ' repeated
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$work/search.lua" "$base" | grep RESULT
printf '   %-10s ' uncached
WRK_COLD=1 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$work/search.lua" "$base" | grep RESULT
printf '   %-10s ' "uncached, c=1"
WRK_COLD=1 wrk -t1 -c1 -d"$DURATION" -s "$work/search.lua" "$base" | grep RESULT
echo "== server RSS after the run: $(( $(awk '/VmRSS/ {print $2}' "/proc/$server/status") / 1024 )) MiB"
