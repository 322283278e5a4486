#!/usr/bin/env bash
# Memory after load (#21, ADR 0029): starts the built portal (Release) on a fresh SQLite demo database, signs in
# as three demo users, requests their pages ROUNDS times in a loop with curl, then prints the process's resident
# set (VmRSS, VmHWM) after the load and again after 30 s idle. Extra environment (e.g. DOTNET_gcServer=0) passes
# through, so GC settings can be compared without rebuilding:
#   dotnet build -c Release src/PropertyPortal.Web && scripts/rss-probe.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-200}
port=${PORT:-5391}
dir=$(mktemp -d)
dll=src/PropertyPortal.Web/bin/Release/net10.0/PropertyPortal.Web.dll
(cd "$(dirname "$dll")" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" Https__Required=false \
  Seed__Demo=true Seed__DemoCases=true ConnectionStrings__Portal="Data Source=$dir/portal.db" Scheduler__Enabled=false \
  Serilog__MinimumLevel__Default=Warning exec dotnet PropertyPortal.Web.dll >"$dir/portal.log" 2>&1) &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 1; done
pid=$(pgrep -P "$pid" -f PropertyPortal.Web.dll || echo "$pid")
rss() { awk '/VmRSS|VmHWM|RssAnon|RssFile|RssShmem/ {printf "%s %d MB  ", $1, $2/1024}' "/proc/$pid/status"; echo; }
echo "started: $(rss)  load $(cut -d' ' -f1-3 /proc/loadavg)"
password=$(grep -rhoP 'DemoPassword = "\K[^"]+' src | head -1)
for user in frontdesk supervisor manager; do
  jar="$dir/$user.cookies"
  token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/Account/Login" | grep -oP 'name="__RequestVerificationToken"[^>]*value="\K[^"]+' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "UserName=$user" --data-urlencode "Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/Account/Login"
  echo "$user: home answers $(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "http://127.0.0.1:$port/")"
done
start=$(date +%s)
for _ in $(seq 1 "$rounds"); do
  for user in frontdesk supervisor manager; do
    jar="$dir/$user.cookies"
    for page in / /Repairs /Complaints /Search?q=8000 /Fees; do
      curl -s -o /dev/null -c "$jar" -b "$jar" "http://127.0.0.1:$port$page"
    done
  done
done
echo "after $((rounds * 15)) requests in $(( $(date +%s) - start )) s: $(rss)  load $(cut -d' ' -f1-3 /proc/loadavg)"
sleep 30
echo "after 30 s idle: $(rss)"
