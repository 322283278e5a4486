#!/usr/bin/env bash
# The cluster soak: nginx (Debian's package) in front of two portal instances on one PostgreSQL database
# on 127.0.0.1, N clerks working through nginx (bench/PropertyPortal.Bench --scenario cluster: each signs in
# as their own front-desk user and logs calls, opens repair orders, takes payments, looks at the queue and
# searches, with now and then a double click), one instance killed with kill -9 in the middle of the load
# and restarted, then the exactly-once audit of the database: every clock's steps fired once and none left
# behind, every notification queued and delivered once, receipts gap-free and not doubled, every contact,
# repair and payment the clerks were told "done" there exactly once. Prints requests, errors, p50/p95 per
# page and the audit; exits 1 when the load had errors or the audit failed.
#
#   scripts/cluster.sh                      # 50 clerks for 10 minutes (docs/benchmarks.md has the figures)
#   scripts/cluster.sh --short              # 50 clerks for 60 seconds (what CI runs)
#   scripts/cluster.sh --clerks 20 --seconds 120 --down 15
#   scripts/cluster.sh --short --configuration Debug    # on the test run's Debug build (CI)
#
# Options: --clerks N (50) --seconds S (600; --short: 60) --kill-at S (seconds into the load; half of it,
# --short: 10 so the restart lands inside the minute) --down S (how long the killed instance stays down;
# 10, --short: 5) --port P (nginx on P, the instances on P+1 and P+2; 18380) --database NAME
# (portal_cluster, dropped and created) --configuration Release|Debug (Release) --no-build --think-ms MS
# (1500, a clerk's pause between actions) --keep (leave the work folder with the instances' and nginx's
# logs). The PostgreSQL server and its superuser come from PGHOST/PGPORT/PGUSER/PGPASSWORD (127.0.0.1,
# 5432, postgres, postgres).
# Needs: the .NET SDK, PostgreSQL, nginx and curl (apt-get install -y postgresql nginx curl).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

clerks=50
seconds=600
down=10
kill_at=
port=18380
database=portal_cluster
configuration=Release
build=1
think=1500
keep=0
mode=full
while (($# > 0)); do
    case "$1" in
        --short) seconds=60; kill_at=10; down=5; mode=short ;;
        --clerks) clerks=$2; shift ;;
        --seconds) seconds=$2; shift ;;
        --down) down=$2; shift ;;
        --kill-at) kill_at=$2; shift ;;
        --port) port=$2; shift ;;
        --database) database=$2; shift ;;
        --configuration) configuration=$2; shift ;;
        --no-build) build=0 ;;
        --think-ms) think=$2; shift ;;
        --keep) keep=1 ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
    shift
done

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
connection="Host=$PGHOST;Port=$PGPORT;Database=$database;Username=$PGUSER;Password=$PGPASSWORD"
nginx_port=$port
ports=($((port + 1)) $((port + 2)))
names=(a b)
web=src/PropertyPortal.Web/bin/$configuration/net10.0/PropertyPortal.Web.dll
bench=bench/PropertyPortal.Bench/bin/$configuration/net10.0/PropertyPortal.Bench.dll
work=$(mktemp -d /tmp/portal-cluster.XXXXXX)
mkdir -p bench/results "$work/nginx-tmp" "$work/files"
chmod 777 "$work/nginx-tmp"
out=bench/results/cluster-$mode.md
started=$SECONDS
say() { printf '[cluster %4ss] %s\n' "$((SECONDS - started))" "$*"; }

declare -A pid=()
cleanup() {
    local status=$?
    for p in "${pid[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    if ((keep)); then
        say "logs kept in $work"
    else
        rm -rf "$work"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in dotnet nginx psql curl; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y postgresql nginx curl)" >&2; exit 1; }
done

if ((build)); then
    say "building ($configuration)"
    dotnet build -c "$configuration" src/PropertyPortal.Web -v quiet -nologo
    dotnet build -c "$configuration" bench/PropertyPortal.Bench -v quiet -nologo
fi

say "database $database on $PGHOST:$PGPORT (dropped and created)"
psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" -c "CREATE DATABASE \"$database\""

# One instance of the portal: production settings behind a proxy, demo company seeded into the empty
# database by the first one, the SLA sweep every 5 seconds, photos on one shared folder.
start_instance() {
    local i=$1
    ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS="http://127.0.0.1:${ports[$i]}" \
    Database__Provider=Postgres \
    ConnectionStrings__Portal="$connection" \
    Database__Instances=2 \
    Https__Required=false \
    ReverseProxy__Enabled=true \
    Seed__Demo=true \
    Seed__DemoCases=true \
    Scheduler__SweepSeconds=5 \
    Scheduler__HeartbeatSeconds=5 \
    Storage__Path="$work/files" \
    Logging__FilePath="$work/${names[$i]}-.log" \
        dotnet "$web" --contentRoot "$PWD/src/PropertyPortal.Web" >>"$work/${names[$i]}.out" 2>&1 &
    pid[${names[$i]}]=$!
}

wait_healthy() {
    local i=$1
    for _ in $(seq 1 180); do
        if curl -sf -o /dev/null "http://127.0.0.1:${ports[$i]}/healthz"; then
            return 0
        fi
        if ! kill -0 "${pid[${names[$i]}]}" 2>/dev/null; then
            echo "instance ${names[$i]} exited; its output:" >&2
            tail -50 "$work/${names[$i]}.out" >&2
            return 1
        fi
        sleep 1
    done
    echo "instance ${names[$i]} not healthy after 180 s" >&2
    return 1
}

say "instance a on ${ports[0]} (migrates, seeds the demo company)"
start_instance 0
wait_healthy 0
say "instance b on ${ports[1]}"
start_instance 1
wait_healthy 1

cat >"$work/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 2048; }
http {
    log_format upstreams '\$request_method \$uri \$status \$request_time "\$upstream_addr" "\$upstream_status"';
    access_log $work/nginx-access.log upstreams;
    client_body_temp_path $work/nginx-tmp/body;
    proxy_temp_path $work/nginx-tmp/proxy;
    fastcgi_temp_path $work/nginx-tmp/fastcgi;
    uwsgi_temp_path $work/nginx-tmp/uwsgi;
    scgi_temp_path $work/nginx-tmp/scgi;
    upstream portal {
        server 127.0.0.1:${ports[0]} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:${ports[1]} max_fails=1 fail_timeout=5s;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$nginx_port;
        client_max_body_size 20m;
        location / {
            proxy_pass http://portal;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host:\$server_port;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_connect_timeout 2s;
            proxy_next_upstream error timeout http_502 http_503;
        }
    }
}
EOF
say "nginx on $nginx_port"
nginx -c "$work/nginx.conf" -p "$work" &
pid[nginx]=$!
for _ in $(seq 1 30); do
    curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/healthz" && break
    sleep 1
done

say "load: $clerks clerks for $seconds s"
dotnet "$bench" --scenario cluster --url "http://127.0.0.1:$nginx_port" --connection "$connection" --clerks "$clerks" --seconds "$seconds" \
    --think-ms "$think" --events "$work/events.txt" --out "$out" >"$work/bench.out" 2>&1 &
pid[bench]=$!
until grep -q "LOAD STARTED" "$work/bench.out" 2>/dev/null; do
    if ! kill -0 "${pid[bench]}" 2>/dev/null; then
        cat "$work/bench.out" >&2
        exit 1
    fi
    sleep 1
done

# The portal's server connections while the load runs (both instances, requests and Quartz), every 2 s.
(
    while sleep 2; do
        psql -Atq -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$database' AND application_name LIKE 'PropertyPortal%'" 2>/dev/null
    done
) >"$work/connections.txt" &
pid[connections]=$!

sleep "${kill_at:-$((seconds / 2))}"
say "kill -9 instance b (pid ${pid[b]})"
kill -9 "${pid[b]}"
echo "$(date +%s) instance b killed with kill -9" >>"$work/events.txt"
sleep "$down"
say "restarting instance b"
start_instance 1
wait_healthy 1
echo "$(date +%s) instance b restarted and healthy again" >>"$work/events.txt"
say "instance b back"

set +e
wait "${pid[bench]}"
load_status=$?
set -e
unset 'pid[bench]'
kill "${pid[connections]}" 2>/dev/null || true
unset 'pid[connections]'
grep -v "LOAD STARTED" "$work/bench.out"

echo
echo "## What the instances and nginx logged"
echo
errors=$(cat "$work"/a-*.log "$work"/b-*.log 2>/dev/null | grep -cE '\[(ERR|FTL)\]' || true)
echo "- errors in the instances' logs: $errors"
cat "$work"/a-*.log "$work"/b-*.log 2>/dev/null | grep -E '\[(ERR|FTL)\]' | cut -c1-300 | sort | uniq -c | sort -rn | head -10 || true
passed_on=$(grep -cE ':[0-9]+, ' "$work/nginx-access.log" || true)
echo "- requests nginx passed to the other instance after the first failed: $passed_on"
peak=$(sort -n "$work/connections.txt" | tail -1)
echo "- peak server connections of the portal (both instances, requests and Quartz): ${peak:-?} (budget 2 × (20 + 5) = 50)"
echo "- load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
{
    echo
    echo "- errors in the instances' logs: $errors; requests nginx passed to the other instance: $passed_on; peak server connections of the portal: ${peak:-?} of a budget of 50"
} >>"$out"
say "report: $out"
exit "$load_status"
