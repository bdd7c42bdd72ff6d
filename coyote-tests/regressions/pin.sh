#!/usr/bin/env bash
# Regenerates the pinned regression traces: one per bug the checks found in the seed design or its reviewers
# reported, each found by `explore` with the default strategy and seed. Run from the repository root after a change
# to the runtime's sequence of shared accesses makes a pinned trace stale (RegressionTests then fail).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build coyote-tests -v q -nologo
checker=coyote-tests/bin/Debug/net10.0/Wireless.CoyoteTests.dll
out=$(mktemp -d)
for pair in watermark-stall:small-ring lost-reclamation:small-ring unchecked-stamp:wide-fanin \
            no-scope-pin:scoped-outputs popcount-barrier:gate narrow-cpu-mask:gate gate-no-reset:gate; do
  variant=${pair%%:*}
  scenario=${pair##*:}
  if dotnet "$checker" explore "$scenario" --variant "$variant" --iterations 1000 --seconds 0 --traces "$out/$variant" > "$out/$variant.log"; then
    echo "error: $variant was not found in $scenario" >&2
    exit 1
  fi
  cp "$out/$variant"/*.trace "coyote-tests/regressions/$variant.trace"
  echo "pinned $variant ($scenario)"
done
