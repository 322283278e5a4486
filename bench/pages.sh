#!/usr/bin/env bash
# Issue 21's side-by-side page benchmark: the portal's desk pages against ../shared/perf-baseline (the same
# kind of query — one property's open orders, soonest due first — rendered by raw Npgsql with no ORM, auth,
# layout or localization), on the same PostgreSQL server and database, loaded by the same client (wrk -t2 -c32
# -d20s) in alternation — baseline, portal page, baseline, next portal page, ... — so both see the same noise.
# Prints per run: requests/s, p50/p95/p99, the page's size and SQL statements (the portal's own
# Server-Timing), and the portal/baseline throughput ratio against the baseline run just before it.
#
#   bench/pages.sh                     # portal on PostgreSQL (database portal_bench), 3 rounds
#   bench/pages.sh --provider sqlite   # portal on SQLite (bench/results/bench.db) beside the same baseline
#   bench/pages.sh --rounds 1 --duration 10s --connections 32
#   bench/pages.sh --profile           # then a CPU profile of each portal page under the same load: dotnet-trace
#                                      # (a local tool: dotnet tool restore) and the bench's --scenario profile;
#                                      # --keep-traces leaves the .nettrace files in bench/results (PerfView, speedscope)
#
# The bench database is seeded once (100,000 units, 200,000 repair orders: `--scenario repairs --seed-only`)
# and reused; --reseed drops it first. The baseline is copied to a scratch folder outside the repository (the shared
# folder is read-only), its `orders` table (200,000 rows) lives in the same PostgreSQL database as the portal's tables.
# Each portal run signs in afresh (a load client replaying one cookie for minutes would make every request
# re-validate the security stamp, which a browser never does). The portal runs as its own process (Release,
# Production, Kestrel on 127.0.0.1, scheduler off so the pages see the same data in every run).
# Needs: the .NET SDK, PostgreSQL on 127.0.0.1 (PGHOST/PGPORT/PGUSER/PGPASSWORD), wrk and curl
# (apt-get install -y wrk curl). Results (markdown) land in bench/results/pages-<provider>.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

provider=postgres
rounds=3
duration=20s
connections=32
threads=2
reseed=0
profile=0
keep_traces=0
baseline_source=${BASELINE_SOURCE:-../shared/perf-baseline}
while (($# > 0)); do
    case "$1" in
        --provider) provider=$2; shift ;;
        --rounds) rounds=$2; shift ;;
        --duration) duration=$2; shift ;;
        --connections) connections=$2; shift ;;
        --threads) threads=$2; shift ;;
        --reseed) reseed=1 ;;
        --profile) profile=1 ;;
        --keep-traces) keep_traces=1 ;;
        --baseline) baseline_source=$2; shift ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
    shift
done

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
pg="Host=$PGHOST;Port=$PGPORT;Database=portal_bench;Username=$PGUSER;Password=$PGPASSWORD"
case "$provider" in
    postgres) portal_db=$pg; portal_provider=Postgres ;;
    sqlite) portal_db="Data Source=$PWD/bench/results/bench.db"; portal_provider=Sqlite ;;
    *) echo "--provider must be postgres or sqlite" >&2; exit 2 ;;
esac
for tool in dotnet wrk curl psql; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y wrk curl postgresql)" >&2; exit 1; }
done

mkdir -p bench/results
out=bench/results/pages-$provider.md
work=$(mktemp -d /tmp/portal-pages.XXXXXX)
baseline_port=18402
portal_port=18403
declare -A pid=()
cleanup() {
    local status=$?
    for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { printf '[pages] %s\n' "$*" >&2; }

say "building (Release)"
dotnet build -c Release src/PropertyPortal.Web -v quiet -nologo
dotnet build -c Release bench/PropertyPortal.Bench -v quiet -nologo
bench=bench/PropertyPortal.Bench/bin/Release/net10.0/PropertyPortal.Bench.dll
web=src/PropertyPortal.Web/bin/Release/net10.0/PropertyPortal.Web.dll

# The portal's bench data: the repairs scenario's seed (reused when already there).
seed() {
    local p=$1 cs=$2 extra=()
    ((reseed)) && extra=(--reset)
    say "seeding $p (reused when already seeded)"
    dotnet "$bench" --provider "$p" --connection "$cs" --scenario repairs --seed-only "${extra[@]}" >"$work/seed-$p.out" 2>&1 \
        || { cat "$work/seed-$p.out" >&2; exit 1; }
}
psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'portal_bench'" | grep -q 1 \
    || psql -q -d postgres -c 'CREATE DATABASE portal_bench'
seed postgres "$pg"
[[ $provider == sqlite ]] && seed sqlite "$portal_db"

# The baseline, on the same PostgreSQL database.
say "baseline from $baseline_source"
# Outside the repository, so that the portal's Directory.Build.props and central package versions stay out of its build.
cp -r "$baseline_source" "$work/baseline"
dotnet build -c Release "$work/baseline" -v quiet -nologo -o "$work/baseline/out" >"$work/baseline-build.out" 2>&1 \
    || { cat "$work/baseline-build.out" >&2; exit 1; }
export BASELINE_PG=$pg
if [[ $(psql -d portal_bench -tAc "SELECT count(*) FROM pg_tables WHERE tablename = 'orders'") != 1 ]]; then
    dotnet "$work/baseline/out/Baseline.dll" seed 200000 >&2
fi
dotnet "$work/baseline/out/Baseline.dll" --urls "http://127.0.0.1:$baseline_port" >"$work/baseline.out" 2>&1 &
pid[baseline]=$!

say "portal on $provider"
ASPNETCORE_ENVIRONMENT=Production \
ASPNETCORE_URLS="http://127.0.0.1:$portal_port" \
Database__Provider=$portal_provider \
ConnectionStrings__Portal="$portal_db" \
Https__Required=false \
Seed__Demo=false \
Scheduler__Enabled=false \
Logging__FilePath="" \
Serilog__MinimumLevel__Default=Warning \
    dotnet "$web" --contentRoot "$PWD/src/PropertyPortal.Web" >"$work/portal.out" 2>&1 &
pid[portal]=$!
for url in "http://127.0.0.1:$baseline_port/queue?property=1" "http://127.0.0.1:$portal_port/healthz"; do
    for i in $(seq 1 240); do
        curl -sf -o /dev/null "$url" && break
        ((i == 240)) && { echo "$url did not answer; output:" >&2; tail -30 "$work"/*.out >&2; exit 1; }
        sleep 1
    done
done

# A fresh sign-in (the login form with its antiforgery token) for each portal run; prints the cookie header.
sign_in() {
    local jar=$work/jar form token
    rm -f "$jar"
    form=$(curl -sf -c "$jar" -b "$jar" "http://127.0.0.1:$portal_port/Account/Login")
    token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$form" | sed 's/.*value="//; s/"$//')
    curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "UserName=desk01" --data-urlencode "Password=Bench@12345" \
        --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$portal_port/Account/Login"
    awk '!/^#/ || /^#HttpOnly_/ { sub(/^#HttpOnly_/, ""); if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar"
}

cat >"$work/report.lua" <<'EOF'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
EOF

# One wrk run: prints "req/s p50 p95 p99 errors requests".
load() {
    local url=$1 cookie=${2:-}
    local args=(-t"$threads" -c"$connections" -d"$duration" -s "$work/report.lua")
    [[ -n $cookie ]] && args+=(-H "Cookie: $cookie")
    wrk "${args[@]}" "$url" | awk '/^RESULT/ { print $2, $3, $4, $5, $6, $7 }'
}

# The page's size and statements as the load sees them (uncompressed, as wrk asks without Accept-Encoding). Asked
# twice, the second answer counted: the first after a sign-in may refill the per-instance reference cache.
describe() {
    local url=$1 cookie=${2:-}
    curl -s -o /dev/null ${cookie:+-H "Cookie: $cookie"} "$url"
    curl -s -o "$work/page.html" -D "$work/headers" ${cookie:+-H "Cookie: $cookie"} "$url"
    local statements
    statements=$(grep -io 'desc="[0-9]* statement' "$work/headers" | grep -o '[0-9]*' || true)
    printf '%s %s\n' "$(stat -c %s "$work/page.html")" "${statements:-–}"
}

pages=("/" "/Repairs")
names=("home: my queue" "/Repairs register")
{
    echo "# Pages beside the raw-SQL baseline — portal on $provider"
    echo
    echo "- when: $(date -u '+%Y-%m-%d %H:%M') UTC; $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- wrk -t$threads -c$connections -d$duration, alternating baseline and portal page; $rounds rounds"
    echo "- baseline: GET /queue?property=1 (50 open orders of 100,000, raw Npgsql, no layout) on PostgreSQL database portal_bench"
    echo "- portal: Release, Production, user desk01 (front desk of BP01), a fresh sign-in before each run"
    echo
    echo "| round | page | KB | statements | req/s | p50 ms | p95 ms | p99 ms | errors | baseline req/s | baseline p95 ms | ratio |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} | tee "$out"

# Warm both up (JIT, pools, caches) before the first measured run.
cookie=$(sign_in)
wrk -t1 -c4 -d5s "http://127.0.0.1:$baseline_port/queue?property=1" >/dev/null
for p in "${pages[@]}"; do wrk -t1 -c4 -d5s -H "Cookie: $cookie" "http://127.0.0.1:$portal_port$p" >/dev/null; done

for round in $(seq 1 "$rounds"); do
    for i in "${!pages[@]}"; do
        read -r b_rps b_p50 b_p95 b_p99 b_err b_n < <(load "http://127.0.0.1:$baseline_port/queue?property=1")
        cookie=$(sign_in)
        read -r size statements < <(describe "http://127.0.0.1:$portal_port${pages[$i]}" "$cookie")
        read -r rps p50 p95 p99 err n < <(load "http://127.0.0.1:$portal_port${pages[$i]}" "$cookie")
        ratio=$(awk -v a="$rps" -v b="$b_rps" 'BEGIN { printf "%.1f %%", 100 * a / b }')
        printf '| %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$round" "${names[$i]}" \
            "$(awk -v s="$size" 'BEGIN { print s / 1024 }')" "$statements" "$rps" "$p50" "$p95" "$p99" "$err" "$b_rps" "$b_p95" "$ratio" | tee -a "$out"
    done
done
# Where the portal's CPU goes: each page once more under the same load, sampled by dotnet-trace from 2 s before the
# load until 2 s after it (idle seconds add next to nothing), so every request of the run is in the trace.
if ((profile)); then
    for i in "${!pages[@]}"; do
        cookie=$(sign_in)
        dotnet dotnet-trace collect -p "${pid[portal]}" -o "$work/page$i.nettrace" --duration 00:00:00:$((${duration%s} + 4)) >"$work/trace$i.out" 2>&1 &
        tracer=$!
        sleep 2
        read -r rps p50 p95 p99 err n < <(load "http://127.0.0.1:$portal_port${pages[$i]}" "$cookie")
        wait "$tracer" || { cat "$work/trace$i.out" >&2; exit 1; }
        ((keep_traces)) && cp "$work/page$i.nettrace" "bench/results/pages-$provider-$i.nettrace"
        { echo; dotnet "$bench" --scenario profile --trace "$work/page$i.nettrace" --requests "$n" --title "${names[$i]} ($provider, $rps req/s while traced)"; } | tee -a "$out"
    done
fi
{
    echo
    echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- portal process at end: RSS $(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/${pid[portal]}/status")"
} | tee -a "$out"
