# Starting, waiting for and stopping the servers of one benchmark run. Sourced by bench/run.
# Every process is started by us, recorded by PID in PIDS, and stopped by that PID when its group of designs is
# done (or when the run ends early).

declare -A PIDS=()          # process name -> pid
declare -A STOP_SIGNAL=()   # process name -> signal that shuts it down cleanly (default TERM)
STARTED=()                  # running process names in start order (stopped in reverse)
USED_PORTS=" "

# free_port VAR: a loopback TCP port nobody listens on and this run has not handed out yet.
free_port() {
    local candidate # not named like any caller's variable: printf -v must reach the caller's
    while :; do
        candidate=$((20000 + RANDOM % 40000))
        [[ $USED_PORTS == *" $candidate "* ]] && continue
        [[ -n $(ss -Hltn "sport = :$candidate") ]] && continue
        USED_PORTS+="$candidate "
        printf -v "$1" '%s' "$candidate"
        return
    done
}

# start NAME DIR [VAR=VALUE ...] -- COMMAND [ARGS ...]: runs COMMAND in DIR with the extra environment, output to
# $WORK/logs/NAME.log. `exec` keeps the PID we record the PID of the server itself, not of a wrapper.
start() {
    local name=$1 dir=$2
    shift 2
    local env=()
    while [[ $1 != -- ]]; do env+=("$1"); shift; done
    shift
    (cd "$dir" && exec env "${env[@]}" "$@") >"$WORK/logs/$name.log" 2>&1 &
    PIDS[$name]=$!
    STARTED+=("$name")
}

# wait_until NAME SECONDS COMMAND...: polls COMMAND until it succeeds; fails when NAME died or time ran out.
wait_until() {
    local name=$1 seconds=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if ! alive "${PIDS[$name]}"; then
            echo "bench: $name exited during start-up; last lines of its log:" >&2
            tail -n 20 "$WORK/logs/$name.log" >&2
            return 1
        fi
        if ((SECONDS >= deadline)); then
            echo "bench: $name was not ready after ${seconds}s; last lines of its log:" >&2
            tail -n 20 "$WORK/logs/$name.log" >&2
            return 1
        fi
        sleep 0.2
    done
}

# alive PID: the process exists and has not exited (an exited child stays a zombie until waited for).
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }
listening() { [[ -n $(ss -Hltn "sport = :$1") ]]; }

# stop_all: every process still running that we started, by PID: its clean-shutdown signal (newest first), then
# KILL for whatever still runs 15 s later. A grid silo writes every active user's "last seen" on the way down,
# which takes a while.
stop_all() {
    local i name pid
    for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
        name=${STARTED[i]}
        pid=${PIDS[$name]}
        alive "$pid" || continue
        kill -"${STOP_SIGNAL[$name]:-TERM}" "$pid" 2>/dev/null || true
    done
    local deadline=$((SECONDS + 15))
    for name in "${STARTED[@]}"; do
        pid=${PIDS[$name]}
        while alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    STARTED=()
}
