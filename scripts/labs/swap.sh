#!/bin/sh
# Swap-out and a major fault: pages written to swap (zram) leave swap
# entries in the page table; touching them again is a major fault.
. "$(dirname "$0")/lib.sh"

title "Swap-out and the major fault"
book "OSTEP ch. 21 (Beyond Physical Memory: Mechanisms: swap space, the present bit, the page fault) and ch. 23 (Linux: page cache, swapping); CSAPP 9.3.4 (Page Faults) and 9.3.6 (Locality to the Rescue Again: thrashing)"

swap_on || { bad_claim "swap on zram can be set up"; lab_end; }
trap swap_off EXIT
show cat /proc/swaps
wl_start
P=$WL
A=$(wl map victim 256k nothp)
R="0x$A-0x$(hexadd "$A" 64)"
wl write victim 0 64 >/dev/null
say "The workload (PID $P) wrote 64 pages.  The swap device is zram, a"
say "compressed RAM disk: slow enough in principle, fast enough for a lab."
count() { mmscope ptes --json --range "$R" "$P" | jq "[.[] | select($1)] | length"; }

section "Page the region out (madvise MADV_PAGEOUT)"
predict "after the kernel writes the 64 pages to swap, what is left in their page-table entries?"
o0=$(vmstat pswpout)
wl pageout victim >/dev/null
o1=$(vmstat pswpout)
show mmscope ptes --range "0x$A-0x$(hexadd "$A" 4)" "$P"
say "Each entry is now not present (P clear) and, instead of a frame number,"
say "holds where the page is in swap: the swap type (which device) and the"
say "offset (which slot).  The frames went back to the allocator."
K=$(count '.kind == "swap"')
say "($K of the 64 pages went out; a page that was still in a CPU's batch of"
say "new pages, not yet on the LRU lists, cannot be isolated and stays.)"
claim_test "MADV_PAGEOUT swapped pages out" "$K" -gt 0
claim_eq "mmscope's $K swap entries are the pages pagemap shows swapped" \
	"$(mmscope ptes --json --range "$R" "$P" | jq -r '.[] | select(.kind == "swap") | .va[2:]')" \
	"$(pagemap_dump "$P" "$A" 64 | awk '$2 == "swap" { print $1 }')"
claim_eq "each entry's swap offset is the one pagemap shows" \
	"$(mmscope ptes --json --range "$R" "$P" | jq -r '.[] | select(.kind == "swap") | .swap.offset' | awk '{ printf "%x\n", $1 }')" \
	"$(pagemap_dump "$P" "$A" 64 | awk '$2 == "swap" { print $3 }')"
claim_eq "smaps: Swap $((K * 4)) kB, Rss $(((64 - K) * 4)) kB" "$(smaps_kb "$P" "$A" Swap) $(smaps_kb "$P" "$A" Rss)" "$((K * 4)) $(((64 - K) * 4))"
claim_test "vmstat pswpout rose by at least $K" "$((o1 - o0))" -ge "$K"

section "Touch them again"
predict "reading the 64 pages again: what kind of faults, and how many?"
j0=$(majflt "$P")
i0=$(vmstat pswpin)
wl read victim 0 64 >/dev/null
j1=$(majflt "$P")
i1=$(vmstat pswpin)
show mmscope faults "$P"
say "Every access found a swap entry: a major fault, since the page had to be"
say "read back from the swap device (the process waits for I/O) before its"
say "entry could point to a frame again."
claim_eq "$K major faults, one per swapped page (/proc/PID/stat majflt)" "$((j1 - j0))" "$K"
claim_eq "mmscope's count of the process's major faults equals majflt" \
	"$(mmscope faults --json "$P" | jq .process.major)" "$(majflt "$P")"
claim_test "vmstat pswpin rose by at least $K" "$((i1 - i0))" -ge "$K"
claim_eq "the pages are present again (mmscope and pagemap)" \
	"$(count .present) $(pagemap_dump "$P" "$A" 64 | grep -c ' present ')" "64 64"
lab_end
