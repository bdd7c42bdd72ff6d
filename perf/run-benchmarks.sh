#!/usr/bin/env bash
# Runs the whole benchmark suite and regenerates perf/README.md's results section and perf/results/cost-per-task.svg.
#
#   perf/run-benchmarks.sh                      # every benchmark with the suite's short job (about 25 minutes on 2 cores)
#   perf/run-benchmarks.sh --filter '*Seam*'    # BenchmarkDotNet arguments replace the default --filter '*'
#   perf/run-benchmarks.sh --filter '*WorkloadBenchmarks*case4*'   # a smoke run: 12 cases, about a minute
#
# It records the machine and the load average before and after (perf/results/machine.txt), runs
# `perf -- bench`, copies BenchmarkDotNet's CSV, GitHub-markdown and disassembly reports to perf/results, measures the
# steady-state allocations (`perf -- alloc` -> perf/results/alloc.txt), runs the scheduler sweep (`perf -- sweep` ->
# perf/results/sweep.csv) and runs `perf -- report`. The checker's speed
# is measured separately by perf/checker-speed.sh (it writes perf/results/checker-speed.md; run `report` again after).
# Run it on a quiet machine: spinning threads measure the machine's load as much as the runtime.
set -euo pipefail
cd "$(dirname "$0")/.."

results=perf/results
artifacts=BenchmarkDotNet.Artifacts/results
default_args=(--filter '*')
if [ $# -gt 0 ]; then bench_args=("$@"); else bench_args=("${default_args[@]}"); fi

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

mkdir -p "$results"
dotnet build -c Release perf >/dev/null
{
    echo "date (UTC)            $(date -u '+%Y-%m-%d %H:%M')"
    echo "machine               $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME")"
    echo ".NET                  SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}')"
    echo "build                 $(dotnet perf/bin/Release/net10.0/Wireless.Perf.dll bench --list flat | sed -n 's#^// Build: ##p' | head -1)"
    echo "benchmark arguments   ${bench_args[*]}"
    echo "load average before   $(loadavg) (1, 5, 15 min)"
} > "$results/machine.txt"

rm -rf "$artifacts"
status=0
dotnet perf/bin/Release/net10.0/Wireless.Perf.dll bench "${bench_args[@]}" || status=$?
echo "load average after    $(loadavg) (1, 5, 15 min)" >> "$results/machine.txt"

shopt -s nullglob
for f in "$artifacts"/Wireless.Perf.Benchmarks.*-report.csv "$artifacts"/Wireless.Perf.Benchmarks.*-report-github.md "$artifacts"/Wireless.Perf.Benchmarks.*-asm.md; do
    cp "$f" "$results/"
done
dotnet perf/bin/Release/net10.0/Wireless.Perf.dll alloc > "$results/alloc.txt"
dotnet perf/bin/Release/net10.0/Wireless.Perf.dll sweep
dotnet perf/bin/Release/net10.0/Wireless.Perf.dll report
exit "$status"
