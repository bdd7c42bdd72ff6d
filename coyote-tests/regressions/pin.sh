#!/usr/bin/env bash
# Regenerates the pinned regression traces: one per bug the checks found in the seed design or its reviewers
# reported, each found by `explore` with the default seed and the strategy of its VariantTests case, by the
# specification monitors (conformance off, so each trace shows the property its bug breaks). Run from the repository root after a change to the runtime's
# sequence of shared accesses or events makes a pinned trace stale (RegressionTests then fail).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build coyote-tests -v q -nologo
checker=coyote-tests/bin/Debug/net10.0/Wireless.CoyoteTests.dll
out=$(mktemp -d)
# variant:scenario:memory-model[:runtime[:iterations]] (iterations: 2000 unless given)
for entry in watermark-stall:small-ring:off lost-reclamation:small-ring:off unchecked-stamp:wide-fanin:off \
             no-scope-pin:scoped-outputs:off popcount-barrier:gate:off narrow-cpu-mask:gate:off gate-no-reset:gate:off \
             mix-hold-sentinel:id-wrap:off relaxed-sentinel-read:diamond:on relaxed-stamp-read:small-ring:on \
             acqrel-frontier:small-ring-inline:on:wireless:2000 plain-last-consumer:wide-fanin:on \
             wired-split-release:mini-bgemm:on:wired; do
  IFS=: read -r variant scenario model runtime iterations <<< "$entry"
  # The strategy of the variant's test (VariantTests.Strategies), random unless named there.
  strategy=$(sed -n "s/^ *\[\"$variant\"\] = \"\([a-z]*\)\",.*/\1/p" coyote-tests/Tests/VariantTests.cs)
  if dotnet "$checker" explore "$scenario" --strategy "${strategy:-random}" --runtime "${runtime:-wireless}" \
       --variant "$variant" --memory-model "$model" --conformance off --iterations "${iterations:-2000}" \
       --seconds 0 --workers 1 --traces "$out/$variant" > "$out/$variant.log"; then
    echo "error: $variant was not found in $scenario" >&2
    exit 1
  fi
  cp "$out/$variant"/*.trace "coyote-tests/regressions/$variant.trace"
  echo "pinned $variant ($scenario)"
done
# reclaim-before-close: only the bounded search reaches it (K = 2 of proof-late-close, schedule 78,249: about 4 minutes);
# conformance on, which sees it first (a consumer readied before its producer completed: the model's S2).
dotnet "$checker" explore proof-late-close --strategy bounded --preemptions 2 --variant reclaim-before-close \
  --memory-model off --seconds 0 --workers 1 --traces "$out/reclaim-before-close" > "$out/reclaim-before-close.log" \
  && { echo "error: reclaim-before-close was not found in proof-late-close" >&2; exit 1; }
cp "$out/reclaim-before-close"/*.trace coyote-tests/regressions/reclaim-before-close.trace
echo "pinned reclaim-before-close (proof-late-close)"
