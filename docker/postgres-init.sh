#!/bin/sh
# Run once by the postgres image on an empty data volume: the project's own database beside Airflow's.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE DATABASE "${SHENYANG_MONITOR_DB_NAME}";
SQL
