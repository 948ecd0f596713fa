#!/bin/bash
# Instructions (M) of one run of a command, less V8's random hash-seed search (detail::sprp, 5-13 M
# of noise a run; see /work/notes/COMMON.md): count.sh cmd...   Needs valgrind.
out=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>"$out.err"
total=$(grep -o 'Collected : [0-9]*' "$out.err" | awk '{print $3}')
sprp=$(callgrind_annotate --inclusive=yes "$out" 2>/dev/null | grep 'detail::sprp' | head -1 | awk '{gsub(",","",$1); print $1}')
awk -v t="$total" -v s="${sprp:-0}" 'BEGIN { printf "%.1f\n", (t - s) / 1e6 }'
rm -f "$out" "$out.err"
