# Turns $WORK/rows.tsv (one row per measured window, see measure.sh) into the markdown report. Sourced by bench/run.

# Columns of rows.tsv.
ROW_COLUMNS="series design connections requests rps p50_us p99_us cpu_us_per_request server_cores wrk_cores other_cores rss_front_mib rss_rest_mib failed warmup_failed kept"

# medians CONNECTIONS: per design, the median of every column over the series (kept windows only), in measurement
# order:
# design rps p50_us p99_us cpu_us server_cores wrk_cores other_cores rss_front_mib rss_rest_mib failed(sum) windows
medians() {
    awk -F'\t' -v c="$1" '
        function median(list,   n, v, i, j, t) {
            n = split(list, v, " ")
            for (i = 2; i <= n; i++) { t = v[i] + 0; for (j = i - 1; j >= 1 && v[j] + 0 > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
            return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        $3 == c && $16 == 1 {
            if (!($2 in seen)) { seen[$2] = 1; order[++designs] = $2 }
            for (k = 5; k <= 13; k++) values[$2, k] = values[$2, k] " " $k
            failed[$2] += $14 + $15; windows[$2]++
        }
        END {
            for (d = 1; d <= designs; d++) {
                name = order[d]; line = name
                for (k = 5; k <= 13; k++) line = line "\t" median(values[name, k])
                print line "\t" failed[name] "\t" windows[name]
            }
        }' "$WORK/rows.tsv"
}

# ratio A B: req/s of design A over req/s of design B (c=64 medians), or n/a when either was not measured or had
# failed requests (a fast 401 is not a validation).
ratio() {
    awk -F'\t' -v a="$1" -v b="$2" '
        { rps[$1] = $2; bad[$1] = $11 > 0 }
        END { if ((a in rps) && (b in rps) && !bad[a] && !bad[b] && rps[b] > 0) printf "%.2f", rps[a] / rps[b]; else printf "n/a" }' \
        <(medians 64)
}

# cpu_ratio A B: server CPU per request of design A over that of design B (c=64 medians), or n/a.
cpu_ratio() {
    awk -F'\t' -v a="$1" -v b="$2" '
        { cpu[$1] = $5; bad[$1] = $11 > 0 }
        END { if ((a in cpu) && (b in cpu) && !bad[a] && !bad[b] && cpu[b] > 0) printf "%.2f", cpu[a] / cpu[b]; else printf "n/a" }' \
        <(medians 64)
}

cpu_ratio_line() {
    echo "server CPU per request: grid/none=$(cpu_ratio grid none) grid/cookie=$(cpu_ratio grid cookie) grid/redis=$(cpu_ratio grid redis) cluster/none=$(cpu_ratio cluster none)"
}

ratio_line() {
    echo "ratios: grid/none=$(ratio grid none) grid/cookie=$(ratio grid cookie) grid/redis=$(ratio grid redis) cluster/none=$(ratio cluster none)"
}

# main_table: the c=64 medians as a markdown table.
main_table() {
    echo "| design | what is measured | req/s | p50 ms | p99 ms | server CPU µs/req | server cores | wrk cores | other cores | peak RSS MiB |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    local design rps p50 p99 cpu cores wrk other front rest failed windows
    while IFS=$'\t' read -r design rps p50 p99 cpu cores wrk other front rest failed windows; do
        local note="" rss=$front
        ((failed > 0)) && note=" **($failed failed requests: not a valid measurement)**"
        [[ -n ${UNAVAILABLE[$design]:-} ]] && note+=" **(incomplete: ${UNAVAILABLE[$design]})**"
        [[ $rest != 0 ]] && rss="$front + $rest"
        printf '| %s | %s%s | %.0f | %.2f | %.2f | %.1f | %.2f | %.2f | %.2f | %s |\n' "$design" "${DESCRIPTION[$design]}" "$note" \
            "$rps" "$(milli "$p50")" "$(milli "$p99")" "$cpu" "$cores" "$wrk" "$other" "$rss"
    done < <(medians 64)
    for design in "${DESIGNS[@]}"; do
        if [[ -n ${UNAVAILABLE[$design]:-} ]] && ! awk -F'\t' -v d="$design" '$2 == d { found = 1 } END { exit !found }' "$WORK/rows.tsv"; then
            printf '| %s | %s — not measured: %s | n/a | | | | | | | |\n' "$design" "${DESCRIPTION[$design]}" "${UNAVAILABLE[$design]}"
        fi
    done
    return 0
}

# single_connection: the c=1 medians, and the line comparing validation with no authentication.
single_connection() {
    echo "| design | req/s | p50 µs | p99 µs | server CPU µs/req |"
    echo "|---|---:|---:|---:|---:|"
    local design rps p50 p99 cpu rest
    while IFS=$'\t' read -r design rps p50 p99 cpu rest; do
        printf '| %s | %.0f | %d | %d | %.1f |\n' "$design" "$rps" "$p50" "$p99" "$cpu"
    done < <(medians 1)
    echo
    medians 1 | awk -F'\t' '
        { p50[$1] = $3 }
        END {
            if (!("none" in p50)) exit
            line = sprintf("validation p50 at one connection vs no-auth p50 at one connection: none %d µs", p50["none"])
            if ("grid" in p50) line = line sprintf(", grid %d µs (%+d µs)", p50["grid"], p50["grid"] - p50["none"])
            if ("cluster" in p50) line = line sprintf(", cluster %d µs (%+d µs)", p50["cluster"], p50["cluster"] - p50["none"])
            print line
        }'
}

every_window() {
    echo "| series | design | c | requests | req/s | p50 µs | p99 µs | server CPU µs/req | server cores | wrk cores | other cores | front-end peak RSS MiB | store/silo peak RSS MiB | failed | failed in warm-up | counted |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    awk -F'\t' -v OFS=' | ' '{ $16 = $16 ? "yes" : "no: noisy, measured again"; print "| " $0 " |" }' "$WORK/rows.tsv"
}

milli() { awk -v v="$1" 'BEGIN { printf "%.2f", v / 1000 }'; }
