# Throwaway servers on 127.0.0.1 for scripts/loadtest and scripts/scaleout (sourced, not run).
# Each start_* records what it started in $WORK; stop_all (call it from a trap) stops them by PID.

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
STARTED_PIDS=()
PG_DIRS=()

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

need() {
  local missing=()
  for cmd in "$@"; do command -v "$cmd" >/dev/null || missing+=("$cmd"); done
  [ -n "$PGBIN" ] || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Missing: ${missing[*]} (apt-get install -y postgresql redis-server nginx wrk)" >&2
    exit 2
  fi
}

# start_postgres DIR PORT [extra -c options...]
start_postgres() {
  local dir=$1 port=$2; shift 2
  mkdir -p "$dir" "$dir.sock"; chmod 700 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir" "$dir.sock"
  as_postgres "$PGBIN/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  echo "host replication postgres 127.0.0.1/32 trust" >> "$dir/pg_hba.conf"
  as_postgres "$PGBIN/pg_ctl" -D "$dir" -l "$dir/log" -w -o \
    "-p $port -k $dir.sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 $*" \
    start >/dev/null
  PG_DIRS+=("$dir")
}

# start_replica PRIMARY_PORT DIR PORT: a streaming replica made with pg_basebackup
start_replica() {
  local primary=$1 dir=$2 port=$3
  mkdir -p "$dir" "$dir.sock"; chmod 700 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir" "$dir.sock"
  # -c fast: checkpoint now; the default spread checkpoint made this wait ~95 s on an idle primary.
  as_postgres "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$primary" -U postgres -D "$dir" -R -X stream \
    -c fast
  as_postgres "$PGBIN/pg_ctl" -D "$dir" -l "$dir/log" -w -o \
    "-p $port -k $dir.sock -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  PG_DIRS+=("$dir")
}

create_app_database() {
  local port=$1
  psql -h 127.0.0.1 -p "$port" -U postgres -q \
    -c "CREATE ROLE peaceplans LOGIN PASSWORD 'peaceplans' CREATEDB" \
    -c "CREATE DATABASE peaceplans OWNER peaceplans"
}

# start_redis DIR PORT
start_redis() {
  local dir=$1 port=$2
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$dir/redis-$port.pid" --logfile "$dir/redis-$port.log" --dir "$dir"
  for _ in $(seq 1 50); do [ -s "$dir/redis-$port.pid" ] && break; sleep 0.1; done
  STARTED_PIDS+=("$(cat "$dir/redis-$port.pid")")
  # The pid file comes before the port is open: wait until it answers.
  for _ in $(seq 1 50); do
    [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.1
  done
  echo "Redis on port $port did not answer; its log:" >&2
  cat "$dir/redis-$port.log" >&2
  return 1
}

# launch_gunicorn PORT WORKERS LOG [env assignments...]: runs in the background without
# waiting for it; its PID is recorded for stop_all and left in $LAST_PID (call it directly,
# not in $(...)). start_gunicorn also waits until it answers.
launch_gunicorn() {
  local port=$1 workers=$2 log=$3; shift 3
  env "$@" .venv/bin/gunicorn peaceplans.wsgi:application --bind "127.0.0.1:$port" \
    --workers "$workers" --no-control-socket --access-logfile - --error-logfile - \
    --graceful-timeout 2 > "$log" 2>&1 &
  LAST_PID=$!
  STARTED_PIDS+=("$LAST_PID")
}

wait_http() {  # wait_http PORT: until something answers HTTP there (at most 30 s)
  for _ in $(seq 1 300); do
    curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  echo "nothing answers on port $1" >&2
  return 1
}

start_gunicorn() {
  launch_gunicorn "$@"
  wait_http "$1"
}

alive() {  # a process that exists and is not a zombie
  [ -e "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}

stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

stop_all() {  # every server at once (one by one, gunicorn's graceful stops added up to ~10 s)
  local pid dir
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 30); do
    local running=0
    for pid in "${STARTED_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && running=1; done
    [ $running = 0 ] && break
    sleep 0.1
  done
  for pid in "${STARTED_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for dir in "${PG_DIRS[@]}"; do
    as_postgres "$PGBIN/pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true
  done
}

# wrk_run URL SECONDS THREADS CONNECTIONS -> "req/s p99_ms errors"
wrk_run() {
  local url=$1 seconds=$2 threads=$3 connections=$4 out
  out=$(timeout $((seconds + 15)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency \
    --timeout 5s "$url" 2>&1) || true
  [ -z "${WRK_OUT:-}" ] || echo "$out" > "$WRK_OUT"  # the whole report, when asked for
  echo "$out" | awk '
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
                  else if (v ~ /ms$/) { sub(/ms$/, "", v) }
                  else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; p99 = v }
    /Non-2xx or 3xx responses:/ { errors += $5 }
    /Socket errors:/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%s %s %d\n", (rps == "" ? 0 : rps), (p99 == "" ? 0 : p99), errors }'
}
