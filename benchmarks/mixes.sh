# Sourced by benchmarks/run.sh (not run alone): the network-heavy mixes of issue 15, side by side with a bare
# json-c parse of the same input. Uses run.sh's ROOT, DATA, CLI, SKIP_1GB, TIMEOUT and out().

echo "== generate (mixes)" >&2
mix_gen() {  # mix, MB, path (a file; for a split mix a directory)
    local mix=$1 mb=$2 path=$3
    case $mix in
        app) [ -s "$path" ] || python3 "$ROOT/benchmarks/generate.py" --form state --size-mb "$mb" --seed 1 "$path" ;;
        account) [ -s "$path" ] || python3 "$ROOT/benchmarks/generate.py" --mix account --size-mb "$mb" "$path" ;;
        org-hub) [ -s "$path" ] || python3 "$ROOT/benchmarks/generate.py" --mix org-hub --size-mb "$mb" "$path" ;;
        org-hub-split) [ -e "$path/done" ] || {
            rm -rf "$path"
            python3 "$ROOT/benchmarks/generate.py" --mix org-hub --size-mb "$mb" --split "$path" "$path"
            touch "$path/done"
        } ;;
    esac
}
# MIX_SIZES (MB) and HUB_SPOKES override the sizes, e.g. for a quick try of the script itself.
if [ -z "${MIX_SIZES:-}" ]; then
    MIX_SIZES="10 100"
    [ "$SKIP_1GB" = 1 ] || MIX_SIZES="$MIX_SIZES 1000"
fi
HUB_SPOKES=${HUB_SPOKES:-2000}
MIXES="account org-hub org-hub-split app"
for mb in $MIX_SIZES; do
    for mix in $MIXES; do
        case $mix in
            app) mix_gen app "$mb" "$DATA/state-${mb}mb.json" ;;
            *) mix_gen "$mix" "$mb" "$DATA/mix-$mix-${mb}mb$([ "$mix" = org-hub-split ] || echo .json)" ;;
        esac
    done
done
HUB=$DATA/mix-hub$HUB_SPOKES
[ -s "$HUB.json" ] || python3 "$ROOT/benchmarks/generate.py" --mix org-hub --spokes "$HUB_SPOKES" "$HUB.json"
[ -e "$HUB-split/done" ] || {
    rm -rf "$HUB-split"
    python3 "$ROOT/benchmarks/generate.py" --mix org-hub --spokes "$HUB_SPOKES" --split "$HUB-split" x
    touch "$HUB-split/done"
}

mix_path() {  # mix, MB
    case $1 in
        app) echo "$DATA/state-$2mb.json" ;;
        org-hub-split) echo "$DATA/mix-$1-$2mb" ;;
        *) echo "$DATA/mix-$1-$2mb.json" ;;
    esac
}

# input bytes: a file, or every *.json of a directory
mix_bytes() { find "$1" -name '*.json' -printf '%s\n' | awk '{s += $1} END {print s}'; }

# timed COMMAND...: "wall rss-kb status" with status ok (exit 0 or 1: a check with findings), timeout or failed
timed() {
    local log=$DATA/time.log code=0
    /usr/bin/time -f "%e %M" -o "$log" timeout "$TIMEOUT" "$@" > /dev/null 2> "$DATA/stderr.log" || code=$?
    local wall rss
    read -r wall rss < <(tail -1 "$log")
    case $code in
        0 | 1) echo "$wall $rss ok" ;;
        124) echo "$wall $rss timeout" ;;
        *) echo "FAILED ($code): $* $(head -c 300 "$DATA/stderr.log")" >&2; echo "$wall $rss failed" ;;
    esac
}

# The bare json-c parse of an input: the file, or each file of a directory one after another.
jsonc_of() {
    if [ -d "$1" ]; then
        timed sh -c 'find "$1" -name "*.json" -print0 | xargs -0 "$2"' _ "$1" "$DATA/jsonc-parse"
    else
        timed "$DATA/jsonc-parse" "$1"
    fi
}

# check FORMAT INPUT: time, RSS and report bytes of `vpcelint check --format FORMAT --output FILE INPUT`
check_of() {
    local report=$DATA/report.$1
    rm -f "$report"
    set -- "$(timed "$CLI" check --format "$1" --output "$report" "$2")"
    echo "$1 $(stat -c %s "$report" 2> /dev/null || echo 0)"
}

cc -O2 -o "$DATA/jsonc-parse" "$ROOT/benchmarks/jsonc_parse.c" $(pkg-config --cflags --libs json-c)
out "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM; load before: $(cut -d' ' -f1-3 /proc/loadavg); commit $(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo "?")"
out "Timeout per command: ${TIMEOUT} s. Goals (issue 15): speed vs json-c >= 2x; RSS/input <= 2x; report/input <= 10%;"
out "text and SARIF within 1.2x of JSON; cost per MB at 1 GB within 1.3x of 10 MB; the 2,000-spoke hub under 2 s."
out ""
out "| mix | MB | json-c | check json | RSS | report | text | sarif | speed vs json-c | RSS/input | report/input | text/json | sarif/json |"
out "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
declare -A COST
mix_row() {  # label, input, key for the cost per MB
    local label=$1 input=$2 key=$3 bytes
    bytes=$(mix_bytes "$input")
    cat "$input" > /dev/null 2>&1 || find "$input" -name '*.json' -exec cat {} + > /dev/null
    local jw jr js cw cr cs rb tw tr ts tb sw sr ss sb
    read -r jw jr js < <(jsonc_of "$input")
    read -r cw cr cs rb < <(check_of json "$input")
    if [ "$cs" = ok ]; then
        read -r tw tr ts tb < <(check_of text "$input")
        read -r sw sr ss sb < <(check_of sarif "$input")
    else  # text and SARIF run the same checks: no use waiting for them to time out too
        tw=0 ts=skipped sw=0 ss=skipped
    fi
    [ "$cs" = ok ] && [ -n "$key" ] && COST[$key]=$(awk -v w="$cw" -v b="$bytes" 'BEGIN { print w / (b / 1e6) }')
    awk -v l="$label" -v b="$bytes" -v jw="$jw" -v js="$js" -v cw="$cw" -v cr="$cr" -v cs="$cs" -v rb="$rb" \
        -v tw="$tw" -v ts="$ts" -v sw="$sw" -v ss="$ss" 'function t(w, s) { return s == "ok" ? sprintf("%.2f s", w) : (s == "skipped" ? s : s " " w " s") }
        BEGIN {
            mb = b / 1e6; c = (cw < 0.01 ? 0.01 : cw); ok = (cs == "ok")
            printf "| %s | %.1f | %s | %s | %.0f MB | %.1f MB | %s | %s | %s | %s | %s | %s | %s |\n", l, mb, t(jw, js),
                t(cw, cs), cr * 1024 / 1e6, rb / 1e6, t(tw, ts), t(sw, ss),
                (ok && js == "ok" ? sprintf("%.2fx", jw / c) : "-"), sprintf("%.2fx", cr * 1024 / 1e6 / mb),
                (ok ? sprintf("%.1f%%", rb / b * 100) : "-"), (ok && ts == "ok" ? sprintf("%.2fx", tw / c) : "-"),
                (ok && ss == "ok" ? sprintf("%.2fx", sw / c) : "-") }' | tee -a "$RESULTS"
}
for mix in $MIXES; do
    for mb in $MIX_SIZES; do
        mix_row "$mix ${mb} MB" "$(mix_path "$mix" "$mb")" "$mix-$mb"
    done
done
mix_row "org-hub, $HUB_SPOKES spokes, 1 file" "$HUB.json" ""
mix_row "org-hub, $HUB_SPOKES spokes, $((HUB_SPOKES + 1)) files" "$HUB-split" ""
out ""
SMALL=${MIX_SIZES%% *} LARGE=${MIX_SIZES##* }
out "Cost per MB (check json, s/MB) at $LARGE MB / at $SMALL MB (the goal is 1 GB / 10 MB <= 1.3x):"
for mix in $MIXES; do
    if [ -n "${COST[$mix-$LARGE]:-}" ] && [ -n "${COST[$mix-$SMALL]:-}" ]; then
        out "- $mix: $(awk -v a="${COST[$mix-$LARGE]}" -v b="${COST[$mix-$SMALL]}" 'BEGIN {
            printf "%.2fx (%.4f s/MB, %.4f s/MB)", a / b, a, b }')"
    else
        out "- $mix: - (a run timed out or failed)"
    fi
done
out ""
out "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
