# Turns $WORK/rows.txt (one line of key=value fields per scenario, written by bench/flood) into the markdown report.
# Sourced by bench/flood.

# flood_awk PROGRAM: runs an awk PROGRAM over rows.txt with every row's fields in f[row, key], the row count in
# rows, the targets and a few helpers (ms, worst health p99, failures in a "status:count,..." list) defined.
flood_awk() {
    awk -v ratio_target="$TARGET_RATIO" -v health_target="$TARGET_HEALTH_MS" -v legit_target="$TARGET_LEGIT_MS" \
        -v spray_accounts="$SPRAY_ACCOUNTS" '
        function ms(us) { return sprintf("%.1f", us / 1000) }
        function pretty(list) { gsub(/,/, ", ", list); gsub(/:/, ": ", list); return list }
        # Answers in a "status:count,..." list that are not 200.
        function failures(list,   n, parts, i, kv, bad) {
            if (list == "" || list == "none") return 0
            n = split(list, parts, ",")
            for (i = 1; i <= n; i++) { split(parts[i], kv, ":"); if (kv[1] != "200") bad += kv[2] }
            return bad + 0
        }
        function count(list, status,   n, parts, i, kv) {
            n = split(list, parts, ",")
            for (i = 1; i <= n; i++) { split(parts[i], kv, ":"); if (kv[1] == status) return kv[2] + 0 }
            return 0
        }
        function health_p99(r,   i, w) { for (i = 0; (r, "health" i "_p99_us") in f; i++) if (f[r, "health" i "_p99_us"] > w) w = f[r, "health" i "_p99_us"]; return w + 0 }
        function health_failed(r,   i, n) { for (i = 0; (r, "health" i "_statuses") in f; i++) n += failures(f[r, "health" i "_statuses"]); return n + 0 }
        function val_failed(r) { return f[r, "val_non2xx"] + f[r, "val_connect_errors"] + f[r, "val_read_errors"] + f[r, "val_write_errors"] + f[r, "val_timeouts"] }
        function legit_failed(r) { return f[r, "legit_count"] - f[r, "legit_ok"] }
        function is_flood(r) { return f[r, "scenario"] != "quiet" }
        # Quiet validation of the row'"'"'s mode: the better of its two quiet baselines (before and after the floods),
        # so that neither a slow start nor a slow recovery makes a flood look harmless.
        function quiet(r,   q, best) { for (q = 1; q <= rows; q++) if (f[q, "mode"] == f[r, "mode"] && f[q, "scenario"] == "quiet" && f[q, "val_rps"] > best) best = f[q, "val_rps"]; return best + 0 }
        function ratio(r,   base) { base = quiet(r); return base > 0 ? f[r, "val_rps"] / base : 0 }
        function label(r) { return f[r, "scenario"] == "quiet" ? "quiet (" f[r, "label"] ")" : f[r, "scenario"] }
        function pass(ok) { return ok ? "PASS" : "**FAIL**" }
        function ok_ratio(r) { return ratio(r) >= ratio_target && val_failed(r) == 0 }
        function ok_health(r) { return health_p99(r) <= health_target * 1000 && health_failed(r) == 0 && f[r, "health0_count"] > 0 }
        function ok_legit(r) { return f[r, "legit_count"] > 0 && legit_failed(r) == 0 && f[r, "legit_p99_us"] <= legit_target * 1000 }
        function ok_429(r) { return count(f[r, "flood_statuses"], "429") > 0 }
        {
            rows++
            for (i = 1; i <= NF; i++) {
                eq = index($i, "="); value = substr($i, eq + 1)
                f[rows, substr($i, 1, eq - 1)] = value ~ /^-?[0-9]+(\.[0-9]+)?$/ ? value + 0 : value
            }
        }
        END { '"$1"' }' "$WORK/rows.txt"
}

# results_table MODE: every scenario of one mode.
results_table() {
    flood_awk '
        mode = "'"$1"'"; silo = 0
        for (r = 1; r <= rows; r++) if (f[r, "mode"] == mode && (r, "health1_p99_us") in f) silo = 1
        printf "| scenario | c | validation req/s | × quiet | validation p99 ms | front-end /healthz p50 / p99 ms |%s flooder'"'"'s answers in the window | answers/s | flooder'"'"'s p50 ms | legit sign-in p50 / p99 ms | legit failed | server cores%s | other cores | drained in s |\n", \
            silo ? " silo /healthz p50 / p99 ms |" : "", silo ? " (front end + silo)" : ""
        printf "|---|---:|---:|---:|---:|---:|%s---|---:|---:|---:|---:|---:|---:|---:|\n", silo ? "---:|" : ""
        for (r = 1; r <= rows; r++) {
            if (f[r, "mode"] != mode) continue
            note = val_failed(r) ? sprintf(" (%d failed)", val_failed(r)) : ""
            health = sprintf("%s / %s", ms(f[r, "health0_p50_us"]), ms(f[r, "health0_p99_us"])) (failures(f[r, "health0_statuses"]) ? " (" pretty(f[r, "health0_statuses"]) ")" : "")
            silo_health = silo ? sprintf(" %s / %s%s |", ms(f[r, "health1_p50_us"]), ms(f[r, "health1_p99_us"]), failures(f[r, "health1_statuses"]) ? " (" pretty(f[r, "health1_statuses"]) ")" : "") : ""
            flood = !is_flood(r) ? "—" : f[r, "flood_answers"] ? pretty(f[r, "flood_statuses"]) : sprintf("none (%d waiting)", f[r, "flood_in_flight_at_close"])
            flood_p50 = is_flood(r) && f[r, "flood_answers"] ? ms(f[r, "flood_p50_us"]) : "—"
            val_p99 = f[r, "val_requests"] ? ms(f[r, "val_p99_us"]) : "no answer"
            legit = pretty(f[r, "legit_statuses"])
            cores = silo ? sprintf("%.2f + %.2f", f[r, "front_cores"], f[r, "silo_cores"]) : sprintf("%.2f", f[r, "front_cores"])
            printf "| %s | %s | %.0f%s | %.2f | %s | %s |%s %s | %s | %s | %s / %s | %s | %s | %.2f | %s |\n", \
                label(r), is_flood(r) ? f[r, "c"] : "—", f[r, "val_rps"], note, ratio(r), val_p99, health, silo_health, \
                flood, is_flood(r) ? sprintf("%.1f", f[r, "flood_rate"]) : "—", flood_p50, \
                ms(f[r, "legit_p50_us"]), ms(f[r, "legit_p99_us"]), legit_failed(r) ? legit_failed(r) " (" legit ")" : "0", \
                cores, f[r, "other_cores"], is_flood(r) ? f[r, "drain_s"] : "—"
        }'
}

# targets_table: PASS/FAIL of every target in every scenario.
targets_table() {
    flood_awk '
        printf "| mode | scenario | c | validation ≥ %s× quiet | /healthz p99 ≤ %s ms | legit sign-in succeeds, p99 ≤ %s ms | the flooder gets 429s |\n", ratio_target, health_target, legit_target
        print "|---|---|---:|---|---|---|---|"
        for (r = 1; r <= rows; r++) {
            printf "| %s | %s | %s | %s | %s %s ms | %s %s ms%s | %s |\n", f[r, "mode"], label(r), is_flood(r) ? f[r, "c"] : "—", \
                is_flood(r) ? pass(ok_ratio(r)) sprintf(" %.2f", ratio(r)) : sprintf("%.2f (baseline)", ratio(r)), \
                pass(ok_health(r)), ms(health_p99(r)), pass(ok_legit(r)), ms(f[r, "legit_p99_us"]), \
                legit_failed(r) ? sprintf(", %d of %d failed", legit_failed(r), f[r, "legit_count"]) : "", \
                is_flood(r) ? pass(ok_429(r)) sprintf(" %d", count(f[r, "flood_statuses"], "429")) : "—"
        }'
}

# mode_verdicts: per mode, each target over all its floods, with the worst case.
mode_verdicts() {
    flood_awk '
        for (r = 1; r <= rows; r++) {
            m = f[r, "mode"]
            if (!(m in seen)) { seen[m] = 1; order[++modes] = m; worst_ratio[m] = 1e9; ok_r[m] = ok_h[m] = ok_l[m] = ok_q[m] = 1 }
            if (!is_flood(r)) continue
            floods[m]++
            if (ratio(r) < worst_ratio[m]) { worst_ratio[m] = ratio(r); where_ratio[m] = f[r, "scenario"] " c=" f[r, "c"] }
            if (health_p99(r) >= worst_health[m]) { worst_health[m] = health_p99(r); where_health[m] = f[r, "scenario"] " c=" f[r, "c"] }
            if (f[r, "legit_p99_us"] >= worst_legit[m]) { worst_legit[m] = f[r, "legit_p99_us"]; where_legit[m] = f[r, "scenario"] " c=" f[r, "c"] }
            legit_fails[m] += legit_failed(r); legits[m] += f[r, "legit_count"]
            with_429[m] += ok_429(r)
            ok_r[m] = ok_r[m] && ok_ratio(r); ok_h[m] = ok_h[m] && ok_health(r); ok_l[m] = ok_l[m] && ok_legit(r); ok_q[m] = ok_q[m] && ok_429(r)
        }
        for (i = 1; i <= modes; i++) {
            m = order[i]
            if (!floods[m]) { printf "- %s: no flood measured\n", m; continue }
            printf "- %s: validation ≥ %s× quiet %s (worst %.2f, %s); /healthz p99 ≤ %s ms %s (worst %s ms, %s); legit sign-in %s (worst p99 %s ms, %s; %d of %d failed); 429s %s (in %d of %d floods)\n", \
                m, ratio_target, pass(ok_r[m]), worst_ratio[m], where_ratio[m], health_target, pass(ok_h[m]), ms(worst_health[m]), where_health[m], \
                pass(ok_l[m]), ms(worst_legit[m]), where_legit[m], legit_fails[m], legits[m], pass(ok_q[m]), with_429[m], floods[m]
        }'
}

# summary_line: the last line of the report.
summary_line() {
    flood_awk '
        for (r = 1; r <= rows; r++) {
            m = f[r, "mode"]
            if (!(m in seen)) { seen[m] = 1; order[++modes] = m; worst_ratio[m] = 1e9 }
            if (!is_flood(r)) continue
            floods[m]++
            if (ratio(r) < worst_ratio[m]) worst_ratio[m] = ratio(r)
            if (health_p99(r) > worst_health[m]) worst_health[m] = health_p99(r)
            if (f[r, "legit_p99_us"] > worst_legit[m]) worst_legit[m] = f[r, "legit_p99_us"]
            legit_fails[m] += legit_failed(r); with_429[m] += ok_429(r)
        }
        line = "flood:"
        for (i = 1; i <= modes; i++) {
            m = order[i]
            if (!floods[m]) { line = line sprintf("%s %s no flood measured", i > 1 ? ";" : "", m); continue }
            line = line sprintf("%s %s worst validation ratio %.2f, worst healthz p99 %.0f ms, legit sign-in p99 %.0f ms (%d failed), 429s in %d of %d floods", \
                i > 1 ? ";" : "", m, worst_ratio[m], worst_health[m] / 1000, worst_legit[m] / 1000, legit_fails[m], with_429[m], floods[m])
        }
        print line'
}

# other_work: how much CPU other work on the machine took during the measured windows.
other_work() {
    flood_awk '
        for (r = 1; r <= rows; r++) { o = f[r, "other_cores"] + 0; sum += o; if (o > max) max = o; if (o > '"$MAX_OTHER"') busy++ }
        if (rows) printf "%.2f cores on average, at most %.2f in one window; %d of %d windows above %s cores", sum / rows, max, busy, rows, "'"$MAX_OTHER"'"'
}

# spray_guesses: the most guesses one spraying scenario sent per account of its slice (settling included).
spray_guesses() {
    flood_awk 'for (r = 1; r <= rows; r++) if (f[r, "scenario"] == "spray" && f[r, "flood_sent"] / spray_accounts > most) most = f[r, "flood_sent"] / spray_accounts
        printf "%.1f", most'
}

flood_report() {
    local dirty="" driver=""
    [[ -n $(git -C "$TREE" status --porcelain -- . ':!bench/results') ]] && dirty=" with uncommitted changes"
    [[ $TREE != "$ROOT" ]] && driver=" (the tree at $TREE, driven by bench/flood of $(git -C "$ROOT" rev-parse --short HEAD))"
    echo "# Flood benchmark, $(date -u '+%F %H:%M UTC')"
    echo
    echo "- Command: \`$COMMAND\` ($((RUN_SECONDS / 60)) min $((RUN_SECONDS % 60)) s after the build)"
    echo "- Commit measured: $(git -C "$TREE" rev-parse HEAD) ($(git -C "$TREE" rev-parse --abbrev-ref HEAD))$dirty$driver"
    echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, Linux $(uname -r); .NET $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }'), $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }')"
    echo "- **Other work on this machine** during the measured windows: $(other_work) (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)). Other work shares the cores with the grid: above about 0.25 cores, treat the numbers as noisy."
    echo "- Grid: embedded = the front end with its co-hosted silo on SQLite; cluster = the front end as an Orleans client of a separate silo process on the same SQLite file. Password hashing at its default cost (PBKDF2 as configured by the grid; nothing set). Settings: \`Sessions__AccessTokenLifetime=02:00:00\`, \`Sessions__Abuse__ExemptNetworks__0=$EXEMPT_NETWORK\` (the seeder's network)${GRID_SETTINGS[*]:+, extra: \`${GRID_SETTINGS[*]}\`}."
    echo "- Accounts: $SEED_LINE, from $SEED_FROM: $USERS users holding $TOKENS app tokens, $PROBE_ACCOUNTS for the legitimate sign-ins, and a fresh slice of $SPRAY_ACCOUNTS real users for each spraying scenario."
    echo "- Validation: \`wrk -t1 -c$WRK_CONNECTIONS\` \`GET /auth/me\` with one of the $TOKENS tokens at random per request (\`bench/wrk/random-session.lua\`), from $FLOOD_FROM, for the whole window. \`× quiet\` is req/s over the better of the mode's two quiet baselines, measured before and after its floods (a flood is compared with the grid at its best; the two baselines side by side show the drift)."
    echo "- Floods: N closed-loop connections from $FLOOD_FROM, each sending its next request when the last is answered, ignoring Retry-After (\`bench/Flood\`). unknown = \`POST /auth/login\` with random unknown usernames; spray = \`POST /auth/login\` with real usernames in turn over the slice and wrong passwords (the most guesses per account in one scenario: $(spray_guesses); the per-account throttle locks an account after its 5th failure, so beyond 5 some 429s may come from it); register = \`POST /auth/register\` with new names; taken = \`POST /auth/register\` with taken names. Each flood runs ${SETTLE} s before its ${WINDOW} s window opens and stops when the window's legitimate sign-ins are answered; then the grid drains (until every /healthz answers in < 50 ms and its processes use ≤ $DRAIN_IDLE_CORES cores, at most $DRAIN_MAX s: \`drained in\`)."
    echo "- Probes during the window: \`GET /healthz\` $HEALTH_RATE/s on a connection of its own, one at a time (front end; in the cluster also the silo's management endpoint), 5 s timeout; a legitimate app sign-in with a real user's correct password every ${LEGIT_EVERY} s, each on a new connection from a /24 network of its own (127.<10+scenario>.<i>.9), 10 s timeout (a timeout or any answer but 200 is a failure; with a few per window, p99 is the slowest)."
    echo "- CPU: utime+stime from \`/proc/<pid>/stat\` over the window; \`other cores\` is the machine's busy time not taken by the grid, wrk or the flood tool."
    local mode missed
    for missed in "${NOT_MEASURED[@]}"; do echo "- **Not measured: $missed.**"; done
    for mode in "${MODES[@]}"; do
        echo
        echo "## ${mode^}"
        echo
        if [[ -n ${UNAVAILABLE[$mode]:-} ]]; then
            echo "**Not measured completely: ${UNAVAILABLE[$mode]}.**"
            echo
        fi
        grep -q "^mode=$mode " "$WORK/rows.txt" && results_table "$mode"
    done
    echo
    echo "## Targets"
    echo
    mode_verdicts
    echo
    targets_table
    echo
    summary_line
}
