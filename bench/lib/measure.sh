# One measured window: wrk against one design while the CPU of its server processes, of wrk and of the whole
# machine is read from /proc before and after. Sourced by bench/run.

CLK_TCK=$(getconf CLK_TCK)

# warm_up's settle rule (below), for every script that sources this one; set either before sourcing to change it
# (bench/run --settle-tolerance).
: "${SETTLE_SLICES:=3}" "${SETTLE_TOLERANCE:=0.05}"

# tree PID...: the PIDs and all their descendants.
tree() {
    local pid kids
    for pid in "$@"; do
        echo "$pid"
        kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null) || true
        [[ -n ${kids// /} ]] && tree $kids
    done
}

# cpu_ticks PID...: utime + stime of the processes and their descendants, plus what their reaped children used
# (cutime + cstime), in clock ticks. A backend that exits inside the window moves from the one to the other.
cpu_ticks() {
    local pid stat fields total=0
    for pid in $(tree "$@"); do
        stat=$(cat /proc/"$pid"/stat 2>/dev/null) || continue
        read -r -a fields <<<"${stat##*) }"
        total=$((total + fields[11] + fields[12] + fields[13] + fields[14]))
    done
    echo "$total"
}

# peak_rss_kib PID...: VmHWM (peak resident set) summed over the processes and their descendants.
peak_rss_kib() {
    local pid total=0 kib
    for pid in $(tree "$@"); do
        kib=$(awk '/^VmHWM:/ { print $2 }' /proc/"$pid"/status 2>/dev/null) || continue
        total=$((total + ${kib:-0}))
    done
    echo "$total"
}

# machine_busy_ticks: CPU time the whole machine spent busy (all cores; user, nice, system, irq, softirq; not
# steal, which another virtual machine used), in clock ticks.
machine_busy_ticks() {
    awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat
}

# wait_quiet SECONDS NAMES...: waits (at most SECONDS) until the machine, apart from the named processes of ours,
# uses at most MAX_OTHER cores over one second, so a window does not start in the middle of someone else's build.
wait_quiet() {
    local deadline=$((SECONDS + $1)) name pids=() busy0 busy1 own0 own1 other
    shift
    for name in "$@"; do pids+=("${PIDS[$name]}"); done
    while :; do
        busy0=$(machine_busy_ticks); own0=$(cpu_ticks "${pids[@]}")
        sleep 1
        busy1=$(machine_busy_ticks); own1=$(cpu_ticks "${pids[@]}")
        other=$(awk -v b=$((busy1 - busy0 - own1 + own0)) -v t="$CLK_TCK" 'BEGIN { printf "%.2f", b / t }')
        awk -v o="$other" -v m="$MAX_OTHER" 'BEGIN { exit !(o <= m) }' && return 0
        if ((SECONDS >= deadline)); then
            echo "    (the machine stayed busy with other work: $other cores; measuring anyway)"
            return 0
        fi
        sleep 2
    done
}

# children_cpu_ms VAR: user + system time of this shell's waited-for children so far (wrk, once it has exited), in
# milliseconds. `times` must run in this shell itself: a subshell would report its own (empty) children.
children_cpu_ms() {
    times >"$WORK/times"
    printf -v "$1" '%s' "$(awk 'NR == 2 {
        total = 0
        for (i = 1; i <= 2; i++) { m = $i; sub(/m.*/, "", m); s = $i; sub(/^[0-9]+m/, "", s); sub(/s$/, "", s); total += m * 60 + s }
        printf "%d", total * 1000 }' "$WORK/times")"
}

# wrk_run CONNECTIONS SECONDS URL SESSIONS_FILE: prints wrk's RESULT line (see wrk/random-session.lua).
# Prints nothing when wrk could not run (the server is gone).
wrk_run() {
    { wrk -t1 -c"$1" -d"$2"s --timeout 10s -s "$ROOT/bench/wrk/random-session.lua" "$3" -- "$4" 2>&1 || true; } |
        grep '^RESULT ' || true
}

# failures RESULT_LINE: failed requests in a RESULT line (any error count).
failures() {
    awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] != "requests" && kv[1] != "duration_us" && kv[1] != "rps" && kv[1] !~ /^p[0-9]+_us$/) n += kv[2] } } END { print n + 0 }' <<<"$1"
}

# warm_up CONNECTIONS URL SESSIONS_FILE: the load of the measured window, excluded, until the server's throughput has
# settled. First WARMUP seconds in one run; then one-second slices until the last SETTLE_SLICES slices lie within
# SETTLE_TOLERANCE of each other ((max - min) / max), at most WARMUP_MAX seconds in all. Tiered compilation keeps
# recompiling hot methods (tier 0, instrumented, tier 1, on-stack replacement) for several seconds of load on two
# cores shared with wrk: a fixed short warm-up measured some designs at half their speed. Sets WARM_SECONDS (the
# warm-up's length), WARM_SETTLED (1 when the slices settled, 0 when WARMUP_MAX ran out first), WARM_FAILED.
warm_up() {
    local started=$SECONDS result rps slices=()
    result=$(wrk_run "$1" "$WARMUP" "$2" "$3")
    WARM_FAILED=$(failures "$result")
    WARM_SETTLED=0
    while ((SECONDS - started < WARMUP_MAX)); do
        result=$(wrk_run "$1" 1 "$2" "$3")
        WARM_FAILED=$((WARM_FAILED + $(failures "$result")))
        rps=$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$result")
        slices+=("${rps:-0}")
        ((${#slices[@]} >= SETTLE_SLICES)) || continue
        if awk -v t="$SETTLE_TOLERANCE" 'BEGIN {
                min = max = ARGV[1] + 0
                for (i = 2; i < ARGC; i++) { v = ARGV[i] + 0; if (v < min) min = v; if (v > max) max = v }
                exit !(max > 0 && (max - min) / max <= t)
            }' "${slices[@]: -SETTLE_SLICES}"; then
            WARM_SETTLED=1
            break
        fi
    done
    WARM_SECONDS=$((SECONDS - started))
    # The slices, for whoever checks the rule against the curve (bench run --keep keeps the log).
    echo "$(date -u +%T) $2 c=$1: ${WARMUP} s, then slices (req/s): ${slices[*]}" >>"$WORK/logs/warmup.log"
}

# window SERIES DESIGN CONNECTIONS URL SESSIONS_FILE PROCESS_NAMES...: warm up, then measure, and append one row to
# $WORK/rows.tsv (columns: see ROW_COLUMNS in report.sh; the first process is the front end, the rest its store or
# silo). A window where other work took more than MAX_OTHER cores is measured again (warm-up included), at most
# RETRIES times; every attempt stays in the table, and only the last one counts.
window() {
    local attempt other
    for ((attempt = 0; ; attempt++)); do
        measure_once "$@"
        other=$(awk -F'\t' '{ print $11 }' <<<"$ROW")
        if ((attempt < RETRIES)) && awk -v o="$other" -v m="$MAX_OTHER" 'BEGIN { exit !(o > m) }'; then
            printf '%s\t0\n' "$ROW" >>"$WORK/rows.tsv"
            echo "    (other work took $other cores, more than $MAX_OTHER: measuring again)"
            continue
        fi
        printf '%s\t1\n' "$ROW" >>"$WORK/rows.tsv"
        return
    done
}

# measure_once: as window, one attempt; the row is left in ROW.
measure_once() {
    local series=$1 design=$2 connections=$3 url=$4 sessions=$5
    shift 5
    local names=("$@") pids=() name
    for name in "${names[@]}"; do pids+=("${PIDS[$name]}"); done

    warm_up "$connections" "$url" "$sessions"
    local cpu0 busy0 client0 cpu1 busy1 client1 result
    cpu0=$(cpu_ticks "${pids[@]}")
    busy0=$(machine_busy_ticks)
    children_cpu_ms client0
    wrk_run "$connections" "$DURATION" "$url" "$sessions" >"$WORK/result"
    children_cpu_ms client1
    busy1=$(machine_busy_ticks)
    cpu1=$(cpu_ticks "${pids[@]}")
    result=$(<"$WORK/result")
    # No result: wrk could not connect. Count the window as one failed request, so it is never taken for a number.
    [[ -n $result ]] || result="RESULT requests=0 duration_us=1 p50_us=0 p99_us=0 non2xx=1 connect_errors=0 read_errors=0 write_errors=0 timeouts=0"
    local rss_front rss_rest=0
    rss_front=$(peak_rss_kib "${pids[0]}")
    ((${#pids[@]} > 1)) && rss_rest=$(peak_rss_kib "${pids[@]:1}")

    local -A r=()
    local pair
    for pair in ${result#RESULT }; do r[${pair%%=*}]=${pair#*=}; done
    local failed=$((r[non2xx] + r[connect_errors] + r[read_errors] + r[write_errors] + r[timeouts]))
    ROW=$(awk -v OFS='\t' -v s="$series" -v d="$design" -v c="$connections" \
        -v req="${r[requests]}" -v dur="${r[duration_us]}" -v p50="${r[p50_us]}" -v p99="${r[p99_us]}" \
        -v cpu=$((cpu1 - cpu0)) -v busy=$((busy1 - busy0)) -v client=$((client1 - client0)) -v tck="$CLK_TCK" \
        -v rss_front="$rss_front" -v rss_rest="$rss_rest" -v failed="$failed" -v warmfailed="$WARM_FAILED" \
        -v warmsecs="$WARM_SECONDS" -v settled="$WARM_SETTLED" 'BEGIN {
            secs = dur / 1e6
            server_us = cpu / tck * 1e6
            if (req == 0) req = 1e-9
            other = (busy / tck) - (cpu / tck) - (client / 1000)
            print s, d, c, req, sprintf("%.1f", req / secs), p50, p99, sprintf("%.2f", server_us / req),
                  sprintf("%.2f", cpu / tck / secs), sprintf("%.2f", client / 1000 / secs), sprintf("%.2f", other / secs),
                  int(rss_front / 1024 + 0.5), int(rss_rest / 1024 + 0.5), failed, warmfailed, warmsecs, settled
        }')
    awk -F'\t' -v m="$MAX_OTHER" '{ printf "  %-10s c=%-3s %9.0f req/s  p50 %6.2f ms  p99 %7.2f ms  %7.1f µs CPU/req  other %s cores%s  failed %d  warm-up %d s%s\n",
        $2, $3, $5, $6 / 1000, $7 / 1000, $8, $11, ($11 > m ? " (DISTURBED)" : ""), $14 + $15, $16, ($17 ? "" : " (not settled)") }' <<<"$ROW"
}
