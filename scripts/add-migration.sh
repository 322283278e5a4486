#!/usr/bin/env bash
# Adds a migration NAME to both migrations sets (SQLite and PostgreSQL): one set per provider.
#   scripts/add-migration.sh AddRepairOrders
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
cd src/PropertyPortal.Web
dotnet ef migrations add "$name" --context SqlitePortalDbContext --output-dir Infrastructure/Persistence/Migrations/Sqlite
dotnet ef migrations add "$name" --context PostgresPortalDbContext --output-dir Infrastructure/Persistence/Migrations/Postgres --no-build
rm -f design-time.db
