#!/usr/bin/env bash
# Re-derives the expected outcome sets of the litmus catalogue (the *.litmus files here, herd7's C syntax) with
# herd7, the independent oracle: rc11.txt from herd7's own rc11.cat (RC11, PLDI 2017), rc11-c++20.txt from
# rc11-c++20.cat here (RC11 with C++20's release sequences, the rules the checker's memory model follows), c++20.txt
# from c++20.cat here (the same without RC11's no-thin-air axiom: C++20, which allows load buffering).
# LitmusTests compares the memory model's reachable outcomes with these files; they record the herd7 version and
# the model of every set.
#
#   HERD=/path/to/herd.exe HERD_LIBDIR=/path/to/herdtools7/herd/libdir coyote-tests/litmus/derive.sh
#
# herd7 is not part of this repository. It builds from the public herdtools7 repository, tag 7.57 (7.58 needs
# zarith >= 1.13), with Debian's ocaml, ocaml-dune, menhir, libmenhir-ocaml-dev, libzarith-ocaml-dev and
# ocaml-findlib: `sh version-gen.sh /usr/local && dune build --profile release herd/herd.exe` (HERD_LIBDIR is then
# herd/libdir of that checkout; an installed herd7 finds its own).
set -euo pipefail
cd "$(dirname "$0")"
herd=${HERD:-herd7}
libdir=()
[ -n "${HERD_LIBDIR:-}" ] && libdir=(-set-libdir "$HERD_LIBDIR")
version=$("$herd" -version | cut -d, -f1)

# One line per test: name, herd7 version, model, then its outcomes (herd7's final states) joined by " | ".
derive() {
    local model=$1 out=$2
    {
        echo "# herd7 $version, model $(basename "$model"): the outcomes of every litmus test here (derive.sh; do not edit)."
        for f in *.litmus; do
            states=$("$herd" "${libdir[@]}" -model "$model" "$f" \
                | awk '/^States [0-9]+/ { on = 1; next } on && /^(Ok|No)$/ { on = 0 } on { sub(/ +$/, ""); print }' \
                | paste -sd'|' - | sed 's/|/ | /g')
            [ -n "$states" ] || { echo "error: herd7 gave no states for $f" >&2; exit 1; }
            printf '%s\t%s\t%s\t%s\n' "${f%.litmus}" "$version" "$(basename "$model")" "$states"
        done
    } > "$out"
}

derive rc11.cat rc11.txt
derive ./rc11-c++20.cat rc11-c++20.txt
derive ./c++20.cat c++20.txt
echo "derived $(grep -vc '^#' rc11.txt) tests with herd7 $version"
