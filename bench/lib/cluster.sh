# A grid cluster on loopback, as README "Running a cluster" describes it: PostgreSQL holding grain state and the
# membership table, silos clustered through it, front ends as pure Orleans clients. Sourced by bench/chaos, after
# processes.sh and servers.sh (start, start_dotnet, free_port, wait_until, postgres_bin). Everything it starts is
# recorded in PIDS by name (postgres-cluster, silo-N, web-N) and stopped by stop_all.

declare -A SILO_PORT=()       # silo number -> its silo-to-silo port (the membership table's Port column)
declare -A SILO_MANAGEMENT=() # silo number -> its management URL (/healthz, /readyz)
FRONT_ENDS=()                 # front end URLs, in start order
CLUSTER_ENV=()                # the settings every silo and front end shares (see start_cluster_postgres)
CLUSTER_DB=""                 # the Npgsql connection string of the cluster's database

# start_cluster_postgres [VAR=VALUE ...]: a throwaway PostgreSQL in $WORK/cluster-pg on a free loopback port, and the
# settings every grid process shares (the extra VAR=VALUE pairs are added to them). Durability is off (fsync,
# synchronous commit): the server itself is never killed, and what a run checks is what the grid acknowledged.
start_cluster_postgres() {
    local bin port as_owner=()
    bin=$(postgres_bin) || { echo "bench: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; return 1; }
    free_port port
    mkdir -p "$WORK/cluster-pg"
    if ((EUID == 0)); then
        # PostgreSQL refuses to run as root: its files and process belong to the postgres user.
        chmod 755 "$WORK"
        chown postgres: "$WORK/cluster-pg"
        as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups --)
    fi
    "${as_owner[@]}" "$bin/initdb" -D "$WORK/cluster-pg/data" -U grid -A trust -E UTF8 --locale=C --no-sync \
        >"$WORK/logs/postgres-initdb.log" 2>&1 || { tail "$WORK/logs/postgres-initdb.log" >&2; return 1; }
    STOP_SIGNAL[postgres-cluster]=INT # fast shutdown: it does not wait for pooled connections to go away
    start postgres-cluster "$WORK/cluster-pg" -- "${as_owner[@]}" "$bin/postgres" -D "$WORK/cluster-pg/data" -p "$port" \
        -k "$WORK/cluster-pg" -c listen_addresses=127.0.0.1 -c max_connections=300 \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off
    wait_until postgres-cluster 30 listening "$port" || return 1
    CLUSTER_DB="Host=127.0.0.1;Port=$port;Database=postgres;Username=grid"
    CLUSTER_ENV=(
        Sessions__Storage__Provider=PostgreSQL
        "Sessions__Storage__ConnectionString=$CLUSTER_DB"
        Sessions__Cluster__Membership=PostgreSQL
        "$@"
    )
}

# start_cluster_silo N: silo N on free ports, its management endpoint on another; returns once it is started (not
# ready: see wait_silo_ready). Its log is $WORK/logs/silo-N.log.
start_cluster_silo() {
    local n=$1 silo gateway management
    free_port silo; free_port gateway; free_port management
    SILO_PORT[$n]=$silo
    SILO_MANAGEMENT[$n]="http://127.0.0.1:$management"
    start_dotnet "silo-$n" silo Sessions.Silo - "${CLUSTER_ENV[@]}" \
        "Sessions__Cluster__SiloPort=$silo" "Sessions__Cluster__GatewayPort=$gateway" \
        "Sessions__Silo__ManagementUrls=${SILO_MANAGEMENT[$n]}"
}

# wait_silo_ready N SECONDS: until silo N's /readyz answers (it is an active member and reads storage).
wait_silo_ready() { wait_until "silo-$1" "$2" http_ok "${SILO_MANAGEMENT[$1]}/readyz"; }

# start_cluster_front_end N: front end N, an Orleans client of the cluster, on a free port; its URL is appended to
# FRONT_ENDS (ready or not: see wait_front_end_ready).
start_cluster_front_end() {
    local n=$1 port
    free_port port
    start_dotnet "web-$n" web Sessions.Web "$port" "${CLUSTER_ENV[@]}" Sessions__Web__Silo=External
    FRONT_ENDS+=("http://127.0.0.1:$port")
}

# wait_front_end_ready N SECONDS: until front end N's /readyz answers (a silo answered it and storage is readable).
wait_front_end_ready() { wait_until "web-$1" "$2" http_ok "${FRONT_ENDS[$(($1 - 1))]}/readyz"; }
