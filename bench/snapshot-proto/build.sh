#!/bin/bash
# Builds the prototype's blobs from dist/ (run `npm run build` first, then `famcoord today` once,
# so that the bin's code cache of today exists): build.sh OUTDIR TODAY_V8CACHE [valgrind]
# One blob per stage of entry.js. With `valgrind`, they are built under valgrind, whose CPU V8
# sees with other features: a blob built outside it is refused inside it (and the other way round).
set -e
out=${1:?OUTDIR}; cache=${2:?TODAY_V8CACHE}; here=$(dirname "$0")
mkdir -p -m 0700 "$out"
for stage in compiled loaded cached; do
  ${3:+valgrind --tool=none -q} node --snapshot-blob "$out/$stage.blob" --build-snapshot "$here/entry.js" "$stage" "$cache"
  chmod 0600 "$out/$stage.blob"
done
# An empty user snapshot: the bare cost of deserialising a custom heap instead of Node's own.
echo "require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {});" > "$out/empty.js"
${3:+valgrind --tool=none -q} node --snapshot-blob "$out/empty.blob" --build-snapshot "$out/empty.js"
ls -l "$out"
