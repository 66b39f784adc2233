#!/usr/bin/env bash
# Starts what the full test suite and the benchmark use besides Python: PostgreSQL and Redis on
# loopback (installed from Debian's packages when absent). Idempotent: a running server is kept.
# `make services` runs it; `.ci/run` runs it before `make test`.
set -euo pipefail

apt_install() {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

start_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then trust_loopback; return; fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    apt_install postgresql
  fi
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not start" >&2; exit 1; }
  trust_loopback
}

# DATABASE_URL's own database: the suite's tests make test_<name> beside it, but processes a
# test starts (e.g. /healthz in a subprocess) connect to it as it is named.
create_test_database() {
  psql -h 127.0.0.1 -U postgres -w -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" \
    | grep -q 1 || createdb -h 127.0.0.1 -U postgres -w test
}

# The tests connect as postgres over loopback without a password (DATABASE_URL below): a
# throwaway local server, never a shared one.
trust_loopback() {
  psql -h 127.0.0.1 -U postgres -w -c "select 1" >/dev/null 2>&1 && return
  local hba
  hba="$(ls /etc/postgresql/*/main/pg_hba.conf | head -n1)"
  sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main reload
  sleep 1
  psql -h 127.0.0.1 -U postgres -w -c "select 1" >/dev/null
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then return; fi
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/passerelle.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return; sleep 1; done
  echo "Redis did not start" >&2; exit 1
}

start_postgres
create_test_database
start_redis
echo "PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 are running."
echo "For the suite against them: export DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/15"
