#!/usr/bin/env bash
# Measures on a machine without the .NET SDK (for example one with many cores): publishes perf self-contained, packs it,
# and runs the benchmarks and the scheduler sweep from the unpacked copy.
#
#   perf/publish-and-bench.sh pack                 # here (with the SDK): writes perf-linux-x64.tar.xz (about 33 MB)
#   perf/publish-and-bench.sh run [bench args...]  # there: from the folder holding perf-linux-x64.tar.xz and this script
#   perf/publish-and-bench.sh all [bench args...]  # both, on this machine
#
# `run` unpacks to a temporary folder and runs, with BenchmarkDotNet's in-process toolchain (its default builds a
# project per benchmark and needs the SDK):
#   Wireless.Perf bench --inProcess --filter <filter> --iterationCount 6 --warmupCount 2   (default filter: case1's
#       WorkloadBenchmarks on the zero and empty devices; bench args given to `run` replace the filter and counts)
#   Wireless.Perf sweep                             (1 to the processor count scheduler threads, zero and empty device)
# and leaves everything in perf-results-<host>-<date>/: machine.txt, BenchmarkDotNet's reports, sweep.csv and
# sweep.txt. Copy that folder's files to perf/results on a machine with the SDK and run `dotnet run -c Release
# --project perf -- report` to put them in perf/README.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
archive=perf-linux-x64.tar.xz

pack() {
    local repo out
    repo=$(cd "$here/.." && pwd)
    out=$(mktemp -d)
    dotnet publish "$repo/perf" -c Release -r linux-x64 --self-contained -o "$out" >/dev/null
    tar -cf - -C "$out" . | xz -T2 -6 > "$archive"
    rm -rf "$out"
    echo "wrote $(pwd)/$archive ($(du -h "$archive" | cut -f1))"
}

run() {
    [ -f "$archive" ] || { echo "error: no $archive here; run '$0 pack' on a machine with the .NET SDK first" >&2; exit 2; }
    local app results
    app=$(mktemp -d)
    tar -xJf "$archive" -C "$app"
    results="$(pwd)/perf-results-$(hostname)-$(date -u '+%Y%m%d-%H%M')"
    mkdir -p "$results"
    {
        echo "date (UTC)            $(date -u '+%Y-%m-%d %H:%M')"
        echo "machine               $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME")"
        echo ".NET                  self-contained publish (no SDK)"
        echo "build                 $("$app/Wireless.Perf" bench --list flat | sed -n 's#^// Build: ##p' | head -1)"
        echo "load average before   $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
    } > "$results/machine.txt"
    local bench_args=("$@")
    if [ ${#bench_args[@]} -eq 0 ]; then
        bench_args=(--filter '*WorkloadBenchmarks*paged-attention-case1*' --iterationCount 6 --warmupCount 2)
    fi
    (cd "$results" && "$app/Wireless.Perf" bench --inProcess "${bench_args[@]}") || echo "warning: bench exited with $?" >&2
    cp "$results"/BenchmarkDotNet.Artifacts/results/*-report.csv "$results"/BenchmarkDotNet.Artifacts/results/*-report-github.md "$results/" 2>/dev/null || true
    "$app/Wireless.Perf" sweep --results "$results" | tee "$results/sweep.txt"
    echo "load average after    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)" >> "$results/machine.txt"
    rm -rf "$app"
    echo "results in $results"
}

case "${1:-}" in
    pack) pack ;;
    run) shift; run "$@" ;;
    all) shift; pack; run "$@" ;;
    *) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
