# Turns $WORK/rows.tsv (one row per measured window, see measure.sh) into the markdown report. Sourced by bench/run.

# Columns of rows.tsv.
ROW_COLUMNS="series design connections requests rps p50_us p99_us cpu_us_per_request server_cores wrk_cores other_cores rss_front_mib rss_rest_mib failed warmup_failed warmup_seconds warmup_settled kept"

# medians CONNECTIONS: per design, the median of every column over the series (kept windows only), in measurement
# order:
# design rps p50_us p99_us cpu_us server_cores wrk_cores other_cores rss_front_mib rss_rest_mib failed(sum) windows
# disturbed(windows where other work took more than MAX_OTHER cores) unsettled(windows whose warm-up did not settle)
# max_other(the most other work took in a counted window)
medians() {
    awk -F'\t' -v c="$1" -v m="$MAX_OTHER" '
        function median(list,   n, v, i, j, t) {
            n = split(list, v, " ")
            for (i = 2; i <= n; i++) { t = v[i] + 0; for (j = i - 1; j >= 1 && v[j] + 0 > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
            return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        $3 == c && $18 == 1 {
            if (!($2 in seen)) { seen[$2] = 1; order[++designs] = $2 }
            for (k = 5; k <= 13; k++) values[$2, k] = values[$2, k] " " $k
            failed[$2] += $14 + $15; windows[$2]++
            if ($11 + 0 > m + 0) disturbed[$2]++
            if (!$17) unsettled[$2]++
            if ($11 + 0 > most[$2] + 0) most[$2] = $11
        }
        END {
            for (d = 1; d <= designs; d++) {
                name = order[d]; line = name
                for (k = 5; k <= 13; k++) line = line "\t" median(values[name, k])
                print line "\t" failed[name] "\t" windows[name] "\t" disturbed[name] + 0 "\t" unsettled[name] + 0 "\t" most[name] + 0
            }
        }' "$WORK/rows.tsv"
}

# ratio A B [CONNECTIONS [COLUMN]]: a median of design A over the same median of design B: req/s at 64 connections
# unless told (COLUMN 2 is req/s, 3 p50, 5 server CPU per request; see medians), or n/a when either was not measured
# or had failed requests (a fast 401 is not a validation). A "*" follows when a window of either design was disturbed
# (other work took more than MAX_OTHER cores) or its warm-up did not settle: read that ratio as indicative only.
ratio() {
    awk -F'\t' -v a="$1" -v b="$2" -v k="${4:-2}" '
        { value[$1] = $k; bad[$1] = $11 > 0; doubt[$1] = $13 + $14 > 0 }
        END {
            if ((a in value) && (b in value) && !bad[a] && !bad[b] && value[b] > 0)
                printf "%.2f%s", value[a] / value[b], (doubt[a] || doubt[b] ? "*" : "")
            else printf "n/a"
        }' <(medians "${3:-64}")
}

# The comparisons issue 14 sets targets for, grid against each design, then the same in server CPU per request.
RATIO_PAIRS="grid/bare grid/none grid/cookie grid/jwt grid/redis cluster/cookie cluster/none"

cpu_ratio_line() {
    local pair line="server CPU per request:"
    for pair in $RATIO_PAIRS; do line+=" $pair=$(ratio "${pair%/*}" "${pair#*/}" 64 5)"; done
    echo "$line"
}

ratio_line() {
    local pair line="ratios:"
    for pair in $RATIO_PAIRS; do line+=" $pair=$(ratio "${pair%/*}" "${pair#*/}")"; done
    echo "$line c1-p50:grid/none=$(ratio grid none 1 3)"
}

# targets_line: issue 14's targets, each with the measured ratio and whether it is met (c=64 req/s; the one-connection
# line compares p50, lower is better).
targets_line() {
    local line="targets (issue 14):" spec pair bound measured value verdict
    for spec in grid/cookie:1.3 grid/jwt:1.6 grid/none:0.75 grid/bare:0.6 cluster/cookie:1.0 c1-p50:grid/none:1.3; do
        bound=${spec##*:}
        pair=${spec%:*}
        if [[ $pair == c1-p50:* ]]; then
            pair=${pair#c1-p50:}
            measured=$(ratio "${pair%/*}" "${pair#*/}" 1 3)
        else
            measured=$(ratio "${pair%/*}" "${pair#*/}")
        fi
        value=${measured%\*}
        if [[ $spec == c1-p50:* ]]; then
            awk -v v="$value" -v b="$bound" 'BEGIN { exit !(v <= b) }' && verdict=met || verdict=missed
            pair="one-connection p50 $pair"
            bound="<= $bound"
        else
            awk -v v="$value" -v b="$bound" 'BEGIN { exit !(v >= b) }' && verdict=met || verdict=missed
            bound=">= $bound"
        fi
        [[ $value != n/a ]] || verdict="not measured"
        line+=" $pair $measured ($bound, $verdict);"
    done
    echo "${line%;}"
}

# main_table [CONNECTIONS]: the medians (at 64 connections unless told) as a markdown table.
main_table() {
    echo "| design | what is measured | req/s | p50 ms | p99 ms | server CPU µs/req | server cores | wrk cores | other cores | peak RSS MiB |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    local design rps p50 p99 cpu cores wrk other front rest failed windows disturbed unsettled most
    while IFS=$'\t' read -r design rps p50 p99 cpu cores wrk other front rest failed windows disturbed unsettled most; do
        local note="" rss=$front
        ((failed > 0)) && note=" **($failed failed requests: not a valid measurement)**"
        ((disturbed > 0)) && note+=" **(disturbed: other work took up to $most cores in $disturbed of $windows counted windows)**"
        ((unsettled > 0)) && note+=" **(warm-up did not settle in $unsettled of $windows windows)**"
        [[ -n ${UNAVAILABLE[$design]:-} ]] && note+=" **(incomplete: ${UNAVAILABLE[$design]})**"
        [[ $rest != 0 ]] && rss="$front + $rest"
        printf '| %s | %s%s | %.0f | %.2f | %.2f | %.1f | %.2f | %.2f | %.2f | %s |\n' "$design" "${DESCRIPTION[$design]}" "$note" \
            "$rps" "$(milli "$p50")" "$(milli "$p99")" "$cpu" "$cores" "$wrk" "$other" "$rss"
    done < <(medians "${1:-64}")
    for design in "${DESIGNS[@]}"; do
        if [[ -n ${UNAVAILABLE[$design]:-} ]] && ! awk -F'\t' -v d="$design" '$2 == d { found = 1 } END { exit !found }' "$WORK/rows.tsv"; then
            printf '| %s | %s — not measured: %s | n/a | | | | | | | |\n' "$design" "${DESCRIPTION[$design]}" "${UNAVAILABLE[$design]}"
        fi
    done
    return 0
}

# single_connection: the c=1 medians, and the line comparing validation with no authentication.
single_connection() {
    echo "| design | req/s | p50 µs | p99 µs | server CPU µs/req | other cores | note |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    local design rps p50 p99 cpu cores wrk other front rest failed windows disturbed unsettled most
    while IFS=$'\t' read -r design rps p50 p99 cpu cores wrk other front rest failed windows disturbed unsettled most; do
        local note=""
        ((disturbed > 0)) && note+="**disturbed: other work took up to $most cores in $disturbed of $windows windows** "
        ((unsettled > 0)) && note+="**warm-up did not settle in $unsettled of $windows windows**"
        printf '| %s | %.0f | %d | %d | %.1f | %.2f | %s |\n' "$design" "$rps" "$p50" "$p99" "$cpu" "$other" "$note"
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
    echo "| series | design | c | requests | req/s | p50 µs | p99 µs | server CPU µs/req | server cores | wrk cores | other cores | front-end peak RSS MiB | store/silo peak RSS MiB | failed | failed in warm-up | warm-up s | counted |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    awk -F'\t' -v OFS=' | ' -v m="$MAX_OTHER" '{
        if ($11 + 0 > m + 0) $11 = "**" $11 " (disturbed)**"
        if (!$17) $16 = "**" $16 " (not settled)**"
        $17 = ""
        $18 = $18 ? ($11 ~ /disturbed/ ? "yes, retries used up" : "yes") : "no: noisy, measured again"
        line = $1; for (i = 2; i <= NF; i++) if (i != 17) line = line OFS $i
        print "| " line " |"
    }' "$WORK/rows.tsv"
}

milli() { awk -v v="$1" 'BEGIN { printf "%.2f", v / 1000 }'; }
