#!/bin/sh
# Copy-on-write after fork: parent and child share frames read-only until
# one of them writes.
. "$(dirname "$0")/lib.sh"

title "Copy-on-write after fork()"
book "OSTEP ch. 23 (Complete VM Systems: copy-on-write) and the fork() discussion of ch. 5 (Process API); CSAPP 9.8.2 (The fork Function Revisited) and 9.8.1 (private copy-on-write objects)"

wl_start
P=$WL
A=$(wl map heap 32k nothp)
wl write heap 0 8 >/dev/null
R="0x$A-0x$(hexadd "$A" 8)"
pfn() { pagemap_dump "$1" "$(hexadd "$A" "$2")" 1 | awk '{ print $3 }'; }
rw_count() { mmscope ptes --json --range "$R" "$1" | jq '[.[] | select(.rw)] | length'; }
say "The parent (PID $P) wrote 8 private anonymous pages."
f0=$(pfn "$P" 0)

section "fork()"
predict "right after fork(), do parent and child have their own copies of the 8 pages?"
C=$(wl fork)
# Warm both command loops up: their first write command after fork() takes
# copy-on-write faults on their own stack pages, which are not the point here.
wl write heap 0 0 >/dev/null
wlc write heap 0 0 >/dev/null
show mmscope ptes --range "$R" "$P"
show mmscope ptes --range "$R" "$C"
say "No copy was made: fork() copied the page-table entries, not the pages, and"
say "cleared the W bit in both processes' entries.  Each frame is mapped twice"
say "(mapcount 2)."
claim_eq "page 0: the child maps the parent's frame (pagemap of both)" "$(pfn "$C" 0)" "$f0"
claim_eq "the frame is mapped twice (/proc/kpagecount)" "$(kpagecount $((0x$f0)))" 2
claim_eq "mmscope's mapcount agrees" \
	"$(mmscope ptes --json --range "0x$A-0x$(hexadd "$A" 1)" "$P" | jq '.[0].mapcount')" 2
claim_eq "no entry is writable, in the parent or the child" "$(rw_count "$P") $(rw_count "$C")" "0 0"
show mmscope rmap "$P" "0x$A"

section "The child writes page 0"
predict "which process gets a new frame, and does the other one notice?"
m0=$(minflt "$C")
wlc write heap 0 1 >/dev/null
m1=$(minflt "$C")
show mmscope ptes --range "0x$A-0x$(hexadd "$A" 1)" "$C"
say "The write hit a read-only entry: a protection fault.  The kernel saw a"
say "COW mapping of a shared frame, copied the page into a new frame for the"
say "writer and made its entry writable.  The parent still maps the old frame."
claim_eq "one minor fault in the child" "$((m1 - m0))" 1
claim_test "the child's page 0 is a new frame (pagemap)" "$(pfn "$C" 0)" != "$f0"
claim_eq "the parent's page 0 is unchanged (pagemap)" "$(pfn "$P" 0)" "$f0"
claim_eq "the old frame is now mapped once (/proc/kpagecount)" "$(kpagecount $((0x$f0)))" 1
claim_eq "the child's entry is writable, the parent's still read-only" \
	"$(rw_count "$C") $(rw_count "$P")" "1 0"

section "The parent writes page 0"
predict "the parent's entry is read-only, but the frame has only one mapper left. Does the parent get a copy?"
m0=$(minflt "$P")
wl write heap 0 1 >/dev/null
m1=$(minflt "$P")
say "It faults (the entry is read-only), but the kernel sees that it is the"
say "only user of the frame and simply makes the entry writable again: no copy."
claim_eq "one minor fault in the parent" "$((m1 - m0))" 1
claim_eq "the parent keeps its frame (pagemap)" "$(pfn "$P" 0)" "$f0"
claim_eq "and may write it directly now" "$(rw_count "$P")" 1
claim_eq "pages 1-7 are still shared: the same frames in both (pagemap)" \
	"$(pagemap_dump "$C" "$(hexadd "$A" 1)" 7 | awk '{ print $3 }')" \
	"$(pagemap_dump "$P" "$(hexadd "$A" 1)" 7 | awk '{ print $3 }')"
wlc quit >/dev/null
lab_end
