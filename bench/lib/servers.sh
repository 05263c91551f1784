# The designs' servers: how each one is started on loopback, on free ports, with its files under $WORK.
# Sourced by bench/run. Each start_* function fills URL[design] and PROCESSES[design] for the designs it serves,
# or returns non-zero (the caller records the design as not measurable, with the reason from the log).

declare -A URL=()         # design -> the URL wrk requests
declare -A PROCESSES=()   # design -> names of the processes whose CPU and memory count for it

# start_dotnet NAME PROJECT_DIR ASSEMBLY HTTP_PORT|- [VAR=VALUE ...]: a Release build of ours, run from its output
# directory (its content root, where its appsettings.json is) in the Production environment.
start_dotnet() {
    local name=$1 project=$2 assembly=$3 port=$4
    shift 4
    local urls=()
    [[ $port != - ]] && urls=(--urls "http://127.0.0.1:$port")
    start "$name" "$ROOT/$project/bin/Release/net10.0" \
        ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production "$@" -- dotnet "$assembly.dll" "${urls[@]}"
}

# The grid's own settings for every grid process. The key is shared by silo and front end (forged tokens are
# rejected at the front end). Access tokens outlive the run. Password hashing is cheap only so that seeding
# 10,000 sign-ins takes seconds: it is not on the validation path that is measured. The seeder signs all of them in
# from 127.0.0.1, so loopback is exempt from the per-address limits (Sessions:Abuse:ExemptNetworks), and its 16
# parallel sign-ins always find room in the hashing queue.
grid_env() {
    GRID_ENV=(
        "Sessions__GridKeys__Keys__1=$GRID_KEY"
        Sessions__GridKeys__ActiveId=1
        Sessions__AccessTokenLifetime=02:00:00
        "Sessions__PasswordHashing__IterationCount=$SEED_HASH_ITERATIONS"
        Sessions__Abuse__ExemptNetworks__0=127.0.0.0/8
        Sessions__Abuse__PasswordHashQueueLength=64
        "Sessions__MaxSessionsPerUser=$((SESSIONS_PER_USER > 50 ? SESSIONS_PER_USER : 50))"
        "${GRID_SETTINGS[@]}"
    )
}

# (a) none and (d) grid: the front end with its co-hosted silo (the embedded default, SQLite).
start_grid_embedded() {
    local port silo gateway
    free_port port; free_port silo; free_port gateway
    start_dotnet grid-web web Sessions.Web "$port" "${GRID_ENV[@]}" \
        "Sessions__Storage__DataDirectory=$WORK/grid-data" \
        "Sessions__Cluster__SiloPort=$silo" "Sessions__Cluster__GatewayPort=$gateway"
    wait_until grid-web 90 http_ok "http://127.0.0.1:$port/healthz" || return 1
    grid_has_api "http://127.0.0.1:$port" || return 1
    URL[none]="http://127.0.0.1:$port/healthz"
    URL[grid]="http://127.0.0.1:$port/auth/me"
    PROCESSES[none]=grid-web
    PROCESSES[grid]=grid-web
}

# (e) cluster: a separate silo process, and the front end as its Orleans client through the gateway. The silo opens
# the SQLite file the embedded front end wrote, so the same users and tokens are valid.
start_grid_cluster() {
    local port silo gateway
    free_port port; free_port silo; free_port gateway
    start_dotnet grid-silo silo Sessions.Silo - "${GRID_ENV[@]}" \
        "Sessions__Storage__DataDirectory=$WORK/grid-data" \
        "Sessions__Cluster__SiloPort=$silo" "Sessions__Cluster__GatewayPort=$gateway"
    wait_until grid-silo 90 listening "$gateway" || return 1
    start_dotnet grid-client web Sessions.Web "$port" "${GRID_ENV[@]}" \
        Sessions__Web__Silo=External "Sessions__Cluster__GatewayPort=$gateway"
    wait_until grid-client 90 http_ok "http://127.0.0.1:$port/healthz" || return 1
    grid_has_api "http://127.0.0.1:$port" || return 1
    URL[cluster]="http://127.0.0.1:$port/auth/me"
    PROCESSES[cluster]="grid-client grid-silo"
}

# grid_has_api BASE_URL: the front end answers the HTTP contract (an empty registration is refused, not unknown).
grid_has_api() {
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$1/auth/register")
    if [[ $status == 404 || $status == 405 ]]; then
        echo "bench: $1 has no POST /auth/register (HTTP $status): the front end is not built yet" >&2
        return 1
    fi
}

# (b) cookie: stateless ASP.NET Core cookie authentication.
start_cookie() {
    local port
    free_port port
    start_dotnet cookie bench/Baselines/CookieAuth Sessions.Bench.CookieAuth "$port" "KeysDirectory=$WORK/cookie-keys"
    wait_until cookie 60 http_ok "http://127.0.0.1:$port/healthz" || return 1
    URL[cookie]="http://127.0.0.1:$port/me"
    PROCESSES[cookie]=cookie
}

# bare: the floor, a minimal-API endpoint with no middleware.
start_bare() {
    local port
    free_port port
    start_dotnet bare bench/Baselines/BareEndpoint Sessions.Bench.BareEndpoint "$port"
    wait_until bare 60 http_ok "http://127.0.0.1:$port/healthz" || return 1
    URL[bare]="http://127.0.0.1:$port/me"
    PROCESSES[bare]=bare
}

# jwt: stateless ASP.NET Core JwtBearer with RS256 access tokens (its signing key is generated when it starts).
start_jwt() {
    local port
    free_port port
    start_dotnet jwt bench/Baselines/JwtBearer Sessions.Bench.JwtBearer "$port"
    wait_until jwt 60 http_ok "http://127.0.0.1:$port/healthz" || return 1
    URL[jwt]="http://127.0.0.1:$port/me"
    PROCESSES[jwt]=jwt
}

# (c) redis: a session id looked up in Redis per request. Redis runs without persistence: the measured path
# only reads, and snapshots would only add noise.
start_redis() {
    local port store
    free_port port; free_port store
    mkdir -p "$WORK/redis"
    start redis-store "$WORK/redis" -- redis-server --port "$store" --bind 127.0.0.1 --save '' --appendonly no
    wait_until redis-store 30 listening "$store" || return 1
    start_dotnet redis-web bench/Baselines/RedisLookup Sessions.Bench.RedisLookup "$port" "Redis=127.0.0.1:$store"
    wait_until redis-web 60 http_ok "http://127.0.0.1:$port/healthz" || return 1
    URL[redis]="http://127.0.0.1:$port/me"
    PROCESSES[redis]="redis-web redis-store"
}

# postgres: a session id looked up by primary key in PostgreSQL per request. A throwaway cluster: durability
# settings are off (they only speed up seeding; the measured path only reads). Npgsql prepares the statement.
start_postgres() {
    local bin port store
    bin=$(postgres_bin) || { echo "bench: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; return 1; }
    free_port port; free_port store
    mkdir -p "$WORK/postgres"
    local as_owner=()
    if ((EUID == 0)); then
        # PostgreSQL refuses to run as root: its files and process belong to the postgres user.
        chmod 755 "$WORK"
        chown postgres: "$WORK/postgres"
        as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups --)
    fi
    "${as_owner[@]}" "$bin/initdb" -D "$WORK/postgres/data" -U bench -A trust -E UTF8 --locale=C --no-sync \
        >"$WORK/logs/postgres-initdb.log" 2>&1 || { tail "$WORK/logs/postgres-initdb.log" >&2; return 1; }
    STOP_SIGNAL[postgres-store]=INT # fast shutdown: it does not wait for pooled connections to go away
    start postgres-store "$WORK/postgres" -- "${as_owner[@]}" "$bin/postgres" -D "$WORK/postgres/data" -p "$store" \
        -k "$WORK/postgres" -c listen_addresses=127.0.0.1 -c max_connections=200 \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off
    wait_until postgres-store 30 listening "$store" || return 1
    start_dotnet postgres-web bench/Baselines/PostgresLookup Sessions.Bench.PostgresLookup "$port" \
        "Postgres=Host=127.0.0.1;Port=$store;Username=bench;Database=postgres;Max Auto Prepare=8"
    wait_until postgres-web 60 http_ok "http://127.0.0.1:$port/healthz" || return 1
    URL[postgres]="http://127.0.0.1:$port/me"
    PROCESSES[postgres]="postgres-web postgres-store"
}

postgres_bin() {
    local postgres
    postgres=$(command -v postgres) && { dirname "$(readlink -f "$postgres")"; return; }
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 | grep .
}

# ping: one trivial grain call per request, silo co-hosted in the web process.
start_ping() {
    local port silo gateway
    free_port port; free_port silo; free_port gateway
    start_dotnet ping bench/Baselines/OrleansPing Sessions.Bench.OrleansPing "$port" \
        Role=cohosted "SiloPort=$silo" "GatewayPort=$gateway"
    wait_until ping 60 http_ok "http://127.0.0.1:$port/healthz" || return 1
    URL[ping]="http://127.0.0.1:$port/me"
    PROCESSES[ping]=ping
}

# ping-silo: the same trivial grain call through a separate silo's gateway. The silo gets the grid silo's GC
# mode (read from its runtimeconfig.json), so the two separate-silo designs differ only in what the grain does.
start_ping_silo() {
    local port silo gateway gc=0
    free_port port; free_port silo; free_port gateway
    grep -q '"System.GC.Server": true' "$ROOT/silo/bin/Release/net10.0/Sessions.Silo.runtimeconfig.json" && gc=1
    start_dotnet ping-silo bench/Baselines/OrleansPing Sessions.Bench.OrleansPing - \
        Role=silo "SiloPort=$silo" "GatewayPort=$gateway" "DOTNET_gcServer=$gc"
    wait_until ping-silo 60 listening "$gateway" || return 1
    start_dotnet ping-client bench/Baselines/OrleansPing Sessions.Bench.OrleansPing "$port" \
        Role=client "GatewayPort=$gateway"
    wait_until ping-client 60 http_ok "http://127.0.0.1:$port/healthz" || return 1
    URL[ping-silo]="http://127.0.0.1:$port/me"
    PROCESSES[ping-silo]="ping-client ping-silo"
}
