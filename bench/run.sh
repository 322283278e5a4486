#!/usr/bin/env bash
# Benchmarks: migrates an empty database and seeds 100,000 units with one owner household each
# through the portal's own DbContext, then
#   --scenario search (default): times the /Search queries 200 times each;
#   --scenario repairs: seeds 200,000 repair orders through the domain, serves the real portal
#     in-process and times the desk's, supervisor's and technician's pages, then the SLA sweep over
#     100,000 running clocks of which 100 are due (about 4 min on SQLite, 2 cores);
#   --scenario billing: one property of 50,000 units (--units; --properties defaults to 1 here), its
#     fee items and water readings, then times the month's billing preview, the run (150,000 charges +
#     50,000 payment notices), the re-run (must write nothing: the bench fails otherwise) and two
#     concurrent runs of the next month (must bill it exactly once) — about 1.5 min on SQLite;
#   --scenario reports: 10 properties of 5,000 units, 200,000 repair orders over 13 months, 12 months of bills,
#     payments and dunning for the 50,000 units; then times, through the real portal in-process, one property's
#     monthly report, its .xlsx and the 10-property dashboard, and each report section alone. Its own database
#     (bench/results/bench-reports.db, portal_bench_reports), REUSED when seeded (seeding takes 15–30 min): pass
#     --reset to start over, --seed-only to seed without timing;
#   --scenario sms: the same property billed once, its 50,000 payment-notice SMS queued, sent by a portal
#     process to a local fake Alibaba Cloud SMS at --rate (100/s), the process killed (SIGKILL) a fifth of
#     the way, the rest sent in-process after the lease; fails if anyone is texted twice — about 10 min.
# Results (markdown) land in bench/results/ (git-ignored); docs/benchmarks.md has the numbers we got.
#
#   bench/run.sh sqlite                       # file bench/results/bench.db, recreated each run
#   bench/run.sh postgres                     # database portal_bench on 127.0.0.1 (dropped and recreated)
#   bench/run.sh sqlite --scenario repairs
#   bench/run.sh sqlite --scenario billing
#   bench/run.sh postgres --scenario sms --rate 100
#   PORTAL_BENCH_PG="Host=db;Database=x;Username=u;Password=p" bench/run.sh postgres
#   bench/run.sh sqlite --units 20000 --runs 50   # any extra options go to the bench
#
# Options of the bench itself: --provider sqlite|postgres --connection CS --units N (multiple of 500 ×
# --properties, default 100000; billing 50000) --properties N (10; billing 1) --orders N (repairs: 200000) --runs N (200) --warmup N (20) --batch N (2000)
# --reset (drop the database first; without it an already seeded database is reused) --audit (seed
# through the portal's AuditInterceptor, i.e. with an audit row per record) --sql (print the SQL)
# --out FILE.
#
# PostgreSQL on a fresh Debian machine:
#   apt-get install -y postgresql && pg_ctlcluster 15 main start
#   su postgres -c "psql -c \"ALTER USER postgres PASSWORD 'postgres'\""
set -euo pipefail
provider=${1:?usage: bench/run.sh sqlite|postgres [bench options]}
shift
cd "$(dirname "$0")/.."
dotnet build -c Release bench/PropertyPortal.Bench -v quiet -nologo
bench=bench/PropertyPortal.Bench/bin/Release/net10.0/PropertyPortal.Bench.dll
mkdir -p bench/results
case "$provider" in
  sqlite)
    connection="Data Source=bench/results/bench.db" ;;
  postgres)
    connection=${PORTAL_BENCH_PG:-"Host=127.0.0.1;Port=5432;Database=portal_bench;Username=postgres;Password=postgres"} ;;
  *) echo "provider must be sqlite or postgres" >&2; exit 2 ;;
esac
scenario=search
args=("$@")
for i in "${!args[@]}"; do
  if [[ ${args[$i]} == --scenario ]]; then scenario=${args[$((i + 1))]:-search}; fi
done
reset=(--reset)
if [[ $scenario == reports ]]; then
  # Its own database, kept between runs (the other scenarios' bench.db / portal_bench are left alone).
  reset=()
  case "$provider" in
    sqlite) connection="Data Source=bench/results/bench-reports.db" ;;
    postgres) connection=${PORTAL_BENCH_PG:-"Host=127.0.0.1;Port=5432;Database=portal_bench_reports;Username=postgres;Password=postgres"} ;;
  esac
fi
dotnet "$bench" --provider "$provider" --connection "$connection" "${reset[@]}" --sql \
  --out "bench/results/$provider-$scenario.md" "$@"
