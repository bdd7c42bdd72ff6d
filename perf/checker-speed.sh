#!/usr/bin/env bash
# Measures the checker's speed and writes perf/results/checker-speed.md (perf/README.md shows it after `perf -- report`):
#   1. iterations/s of every Coyote scenario in one process (`explore all --workers 1`), memory model on and off, with
#      scheduling points per iteration and the share of time in GC pauses;
#   2. the same with one worker process per core (`--workers $(nproc)`, memory model on): the speed-up of the workers;
#   3. time to the first bug of every seeded variant, in the scenario and memory model its test uses (the cases of
#      coyote-tests/Tests/VariantTests.cs, read from that file), in one process: `explore <scenario> --variant <v>`.
#
#   perf/checker-speed.sh [iterations per scenario, default 200]       CONFIG=Debug perf/checker-speed.sh
#
# The checker runs the rewritten build of coyote-tests (Release unless CONFIG says otherwise); the benchmarks never do.
set -euo pipefail
cd "$(dirname "$0")/.."

iterations=${1:-200}
config=${CONFIG:-Release}
cores=$(nproc)
out=perf/results/checker-speed.md
mkdir -p perf/results
dotnet build -c "$config" coyote-tests >/dev/null
checker=(dotnet "coyote-tests/bin/$config/net10.0/Wireless.CoyoteTests.dll")
traces=$(mktemp -d)
trap 'rm -rf "$traces"' EXIT

# The closing table of an exploration (scenario iterations distinct it/s steps/it max-steps gc% KB/it ...), reduced to
# "scenario iterations it/s steps/it gc%" per line.
summary() { awk '/^  scenario +iterations/ {t = 1; next} t && NF >= 8 && $2 ~ /^[0-9,]+$/ {gsub(",", "", $2); gsub(",", "", $4); gsub(",", "", $5); print $1, $2, $4, $5, $7}'; }

"${checker[@]}" explore all --iterations "$iterations" --seconds 0 --workers 1 --memory-model on --traces "$traces" | summary > "$traces/on.txt" || true
"${checker[@]}" explore all --iterations "$iterations" --seconds 0 --workers 1 --memory-model off --traces "$traces" | summary > "$traces/off.txt" || true
"${checker[@]}" explore all --iterations "$iterations" --seconds 0 --workers "$cores" --memory-model on --traces "$traces" | summary > "$traces/workers.txt" || true

mapfile -t cases < <(sed -n 's/^ *{ *"\([a-z0-9-]*\)", *"\([a-z0-9-]*\)", *"[^"]*", *\(true\|false\), *\([0-9]*\) *},.*/\1 \2 \3 \4/p' coyote-tests/Tests/VariantTests.cs)
[ ${#cases[@]} -gt 0 ] || { echo "error: no variant cases found in coyote-tests/Tests/VariantTests.cs" >&2; exit 2; }

{
    echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), $cores CPUs, $config build, strategy random, seed 1;"
    echo "$("${checker[@]}" explore chain --iterations 1 --seconds 0 --workers 1 | sed -n 's/^Code under test: \([^.]*\)\..*/code under test: \1/p')."
    echo
    echo "Exploration speed, \`explore all --iterations $iterations --seconds 0\`: iterations per second in one process (\`--workers 1\`)"
    echo "and with $cores worker processes (\`--workers $cores\`, memory model on); memory model off includes the conformance check (C1,"
    echo "explore's default there); steps = scheduling points per iteration; GC = share of the exploration time in garbage-collection pauses:"
    echo
    echo "| scenario | it/s, memory model on | steps/it, on | GC, on | it/s, memory model off | steps/it, off | it/s, $cores workers, on | workers ÷ one |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    join <(sort "$traces/on.txt") <(sort "$traces/off.txt") | join - <(sort "$traces/workers.txt") \
        | while read -r name _ on_rate on_steps on_gc _ off_rate off_steps _ _ w_rate _ _; do
        echo "| $name | $on_rate | $on_steps | $on_gc | $off_rate | $off_steps | $w_rate | $(awk -v a="$w_rate" -v b="$on_rate" 'BEGIN { printf (b > 0 ? "%.2f×" : "NA"), a / b }') |"
    done
    echo
    echo "Time to the first bug of each seeded variant (\`explore <scenario> --runtime <r> --variant <v> --iterations <its test's budget> --workers 1\`, the case of its test, with its strategy):"
    echo "wall time of the whole command, process start included; exploration time = iterations ÷ it/s (NA where the printed rate rounds to 0)."
    echo
    echo "| variant | scenario | memory model | first bug in iteration | exploration time (s) | wall time (s) | property |"
    echo "| --- | --- | --- | ---: | ---: | ---: | --- |"
    # The runtime each variant belongs to, from the checker's variant table (name, kind, runtime, summary).
    variants=$("${checker[@]}" list)
    for c in "${cases[@]}"; do
        read -r variant scenario model budget <<< "$c"
        # The strategy of the variant's test (VariantTests.Strategies), random unless named there.
        strategy=$(sed -n "s/^ *\[\"$variant\"\] = \"\([a-z]*\)\",.*/\1/p" coyote-tests/Tests/VariantTests.cs)
        mm=$([ "$model" = true ] && echo on || echo off)
        runtime=$(awk -v v="$variant" '$1 == v && ($3 == "wireless" || $3 == "wired") { print $3; exit }' <<< "$variants")
        start=$(date +%s.%N)
        log=$("${checker[@]}" explore "$scenario" --strategy "${strategy:-random}" --runtime "${runtime:-wireless}" --variant "$variant" --iterations "$budget" --seconds 300 --workers 1 --memory-model "$mm" --traces "$traces" || true)
        wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
        found=$(sed -n 's/.*BUG in iteration \([0-9,]*\): \[\([^]]*\)\].*/\1 \2/p' <<< "$log" | head -1)
        row=$(summary <<< "$log" | head -1)
        if [ -n "$found" ]; then
            read -r iteration property <<< "$found"
            rate=$(awk '{print $3}' <<< "$row")
            explore=$(awk -v i="${iteration//,/}" -v r="$rate" 'BEGIN { printf (r > 0 ? "%.2f" : "NA"), i / r }')
            echo "| $variant | $scenario | $mm | $iteration | $explore | $wall | $property |"
        else
            echo "| $variant | $scenario | $mm | not found in $budget | | $wall | |"
        fi
    done
} > "$out"
cat "$out"
