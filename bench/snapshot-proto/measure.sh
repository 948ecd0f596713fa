#!/bin/bash
# Instructions (M, less sprp) of `today --json` and `--version`: the shipped bin (with its code
# cache, made by a first run) and the prototype's blobs, RUNS runs each, median.
# measure.sh BLOBDIR(built with `build.sh DIR valgrind`) STORE [RUNS]
here=$(cd "$(dirname "$0")" && pwd); root=$here/../..
blobs=${1:?BLOBDIR}; store=${2:?STORE}; runs=${3:-3}
export NODE_EXTRA_CA_CERTS= FAMCOORD_CACHE_DIR=${FAMCOORD_CACHE_DIR:-/tmp/cc-snapshot}-vg
mkdir -p -m 0700 "$FAMCOORD_CACHE_DIR"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
count() { for _ in $(seq "$runs"); do "$here/count.sh" "$@"; done | median; }
valgrind --tool=none -q node "$root/bin/famcoord.js" --store "$store" today --json >/dev/null # the code cache, as valgrind's V8 sees the CPU
printf '%-28s %s\n' 'node -e 0' "$(count node -e 0)"
printf '%-28s %s\n' 'empty blob' "$(count node --snapshot-blob "$blobs/empty.blob")"
printf '%-28s %s\n' 'bin today --json' "$(count node "$root/bin/famcoord.js" --store "$store" today --json)"
for stage in compiled loaded cached; do
  printf '%-28s %s\n' "$stage blob today --json" "$(count node --snapshot-blob "$blobs/$stage.blob" -- --store "$store" today --json)"
done
printf '%-28s %s\n' 'bin --version' "$(count node "$root/bin/famcoord.js" --version)"
printf '%-28s %s\n' 'cached blob --version' "$(count node --snapshot-blob "$blobs/cached.blob" -- --version)"
