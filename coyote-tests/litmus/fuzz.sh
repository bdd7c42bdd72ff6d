#!/usr/bin/env bash
# Compares the memory model with herd7 beyond the catalogue: writes random litmus tests (`litmus --generate`, see
# LitmusGenerator), derives their outcome sets with herd7 (derive.sh, so herd7 must be installed as it says), and
# checks the model's outcomes against the rc11-c++20.cat sets (`litmus`). Exit 1 if any test differs.
#
#   HERD=... HERD_LIBDIR=... coyote-tests/litmus/fuzz.sh [count, default 100] [seed, default 1]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-100}
seed=${2:-1}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
dotnet build coyote-tests -v q -nologo >/dev/null
checker=(dotnet coyote-tests/bin/Debug/net10.0/Wireless.CoyoteTests.dll)
"${checker[@]}" litmus "$dir" --generate "$count" --seed "$seed"
cp coyote-tests/litmus/derive.sh coyote-tests/litmus/*.cat "$dir"/
"$dir"/derive.sh
"${checker[@]}" litmus "$dir"
