#!/bin/sh
# Shared libraries and the reverse map: one frame of libc's code is mapped
# by every process that uses libc, each at its own address.
. "$(dirname "$0")/lib.sh"

title "Shared libraries and reverse mapping"
book "OSTEP ch. 23 (Complete VM Systems: Linux address spaces, the page cache, sharing); CSAPP 9.8.1 (Shared Objects Revisited) and 7.10-7.12 (dynamic linking, position-independent code)"

wl_start
P=$WL
mkdir -p "$W/b"
lab_workload "$W/b" &
P2=$!
i=0
while [ ! -f "$W/b/ready" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
LIBC=$(awk '$2 == "r-xp" && $6 ~ /libc[.-]/ { print $6; exit }' "/proc/$P/maps")
say "Two independent processes run the same program: PID $P and PID $P2."
say "Both use the C library $LIBC; its code is mapped read+execute"
say "from the file in each."
show grep -F "$LIBC" "/proc/$P/maps"

# The code VMA of the library in PID $1: "start end offset" (hex).
textvma() { awk -v f="$LIBC" '$2 == "r-xp" && $6 == f { split($1, a, "-"); print a[1], a[2], $3; exit }' "/proc/$1/maps"; }
set -- $(textvma "$P")
S1=$1 E1=$2 O1=$3
set -- $(textvma "$P2")
S2=$1
N=$(((0x$E1 - 0x$S1) / 4096))
# The first page of the code present in both.
idx=$(pagemap_dump "$P" "$S1" "$N" | awk '{ print NR - 1, $2 }' >"$W/p1"
	pagemap_dump "$P2" "$S2" "$N" | awk '{ print NR - 1, $2 }' >"$W/p2"
	paste -d' ' "$W/p1" "$W/p2" | awk '$2 == "present" && $4 == "present" { print $1; exit }')
[ -n "$idx" ] || { bad_claim "a page of the library's code is present in both"; lab_end; }
V1=$(hexadd "$S1" "$idx")
V2=$(hexadd "$S2" "$idx")
F=$(printf '%x' $((0x$O1 + idx * 4096)))

section "The same code page in both processes"
predict "page $idx of the code (file offset 0x$F) is at 0x$V1 in one process and 0x$V2 in the other: is it one frame or two?"
f1=$(pagemap_dump "$P" "$V1" 1 | awk '{ print $3 }')
f2=$(pagemap_dump "$P2" "$V2" 1 | awk '{ print $3 }')
say "One frame: the page cache holds one copy of each page of the file, and"
say "every process that maps the file maps that copy (read-only, so sharing is"
say "safe).  Only the addresses differ (ASLR places the library anywhere)."
claim_eq "both addresses map the same frame (pagemap of both processes)" "$f2" "$f1"

section "Who maps that frame? (reverse mapping)"
predict "how does the kernel find every page-table entry that maps a given frame (to unmap it before reclaiming it)?"
mmscope rmap --json "$P" "0x$V1" >"$W/rmap.json"
show mmscope rmap "$P" "0x$V1"
say "The frame belongs to the library file's page cache; the file's i_mmap"
say "tree lists every VMA that maps the file.  For each VMA covering the"
say "page's offset the address is vm_start + (offset - vm_pgoff); mmscope"
say "checks each candidate's page table.  (In the test VM the files live on"
say "the initramfs, a tmpfs, so the frame is 'shmem'; on a disk it is 'file'.)"
J=$(cat "$W/rmap.json")
claim_eq "found through the file's i_mmap tree, at file offset 0x$F" \
	"$(echo "$J" | jq -r '"\(.method) \(.file.offset)"')" "i_mmap $((0x$F))"
claim_eq "the file is $LIBC (or the file it links to)" \
	"$(echo "$J" | jq -r .file.path | xargs basename)" "$(basename "$(readlink -f "$LIBC")")"
claim_eq "both workloads are listed, each at its own address" \
	"$(echo "$J" | jq -r ".mappers[] | select(.pid == $P or .pid == $P2) | \"\(.pid) \(.va)\"" | sort)" \
	"$(printf '%s 0x%s\n' "$P" "$V1" "$P2" "$V2" | sort)"
# Ground truth: every process whose pagemap maps the frame at the page's offset.
truth=$(for d in /proc/[0-9]*; do
	q=${d#/proc/}
	v=$(awk -v f="$LIBC" -v o=$((0x$F)) '$6 == f { split($1, a, "-"); s = a[1]; e = a[2]; off = $3
		print s, e, off }' "$d/maps" 2>/dev/null |
		while read -r s e off; do
			[ $((0x$off)) -le $((0x$F)) ] && [ $((0x$s + 0x$F - 0x$off)) -lt $((0x$e)) ] &&
				printf '%x\n' $((0x$s + 0x$F - 0x$off))
		done | head -n 1)
	[ -n "$v" ] && [ "$(pagemap_dump "$q" "$v" 1 2>/dev/null | awk '{ print $3 }')" = "$f1" ] && echo "$q"
done | sort -n)
claim_eq "the mappers it lists are exactly the processes whose pagemap maps the frame (mmscope itself aside)" \
	"$(echo "$J" | jq -r '.mappers[] | select(.comm != "mmscope") | .pid' | sort -n | uniq)" "$truth"
gone=$(for q in $(echo "$J" | jq -r '.mappers[].pid'); do [ -d "/proc/$q" ] || echo "$q"; done | wc -l)
claim_eq "its mapcount is /proc/kpagecount, plus its mappers that have exited since" \
	"$(echo "$J" | jq .mapcount)" "$(($(kpagecount $((0x$f1))) + gone))"
claim_eq "one mapping per mapper (no mapping counted twice or missed)" \
	"$(echo "$J" | jq .nr_mappers)" "$(echo "$J" | jq .mapcount)"

section "The library's data is private"
DS=$(awk -v f="$LIBC" '$2 == "rw-p" && $6 == f { split($1, a, "-"); print a[1]; exit }' "/proc/$P/maps")
show mmscope ptes --range "0x$DS-0x$(hexadd "$DS" 4)" "$P"
say "The library's writable data is mapped private (MAP_PRIVATE): a page the"
say "process wrote is its own anonymous copy (copy-on-write), a page it only"
say "read still maps the shared page-cache frame."
mine=$(mmscope ptes --json --range "0x$DS-0x$(hexadd "$DS" 1)" "$P" | jq -r '.[0].kind')
pm=$(pagemap_dump "$P" "$DS" 1 | awk '{ print ($4 ~ /file/) ? "file" : "anon" }')
case $mine in shmem|file) mine="file" ;; esac
claim_eq "the first data page's kind agrees with pagemap's file/anonymous bit" "$mine" "$pm"
kill "$P2"
lab_end
