#!/bin/sh
# Accessed and Dirty bits: the hardware records use; clear_refs resets the A
# bits so that the next interval's working set can be measured.
. "$(dirname "$0")/lib.sh"

title "A and D bits and the working set (clear_refs)"
book "OSTEP ch. 22 (Beyond Physical Memory: Policies: approximating LRU with the use bit, the clock algorithm, dirty pages); CSAPP 9.7.1 (Core i7 page-table entries: A and D bits)"

wl_start
P=$WL
A=$(wl map ws 256k nothp)
R="0x$A-0x$(hexadd "$A" 64)"
say "The MMU sets an entry's A (accessed) bit on every access through it and"
say "its D (dirty) bit on every write; software only ever clears them.  The"
say "kernel's reclaim reads and clears A bits to tell recently used pages"
say "apart, and writes dirty pages back before reusing their frames."

count() { mmscope ptes --json --range "$R" "$P" | jq "[.[] | select($1)] | length"; }

section "Write all 64 pages"
wl write ws 0 64 >/dev/null
show mmscope vmas "$P"
say "$(count .accessed) of the 64 entries are young.  (The kernel's own aging may"
say "clear an A bit at any time, moving the information into the page's"
say "referenced flag: smaps' Referenced counts either.)"
claim_eq "all 64 entries are dirty (D); smaps Private_Dirty is 256 kB" \
	"$(count .dirty) $(smaps_kb "$P" "$A" Private_Dirty)" "64 256"
claim_eq "all 64 pages are referenced (A bit or the page's flag): mmscope and smaps' Referenced, in kB" \
	"$(($(mmscope vmas --json "$P" | jq ".[] | select(.start == \"0x$A\") | .referenced") * 4)) $(smaps_kb "$P" "$A" Referenced)" \
	"256 256"

section "echo 1 > /proc/$P/clear_refs"
predict "after clearing the referenced bits, how many entries are young? how many dirty?"
echo 1 >"/proc/$P/clear_refs"
show mmscope ptes --range "0x$A-0x$(hexadd "$A" 4)" "$P"
say "clear_refs cleared every A bit (and the pages' software referenced flag)"
say "and flushed the TLB; the D bits stay: the data still has to be written"
say "back before the frame can be reused."
claim_eq "no entry is young any more; smaps Referenced is 0 kB" \
	"$(count .accessed) $(smaps_kb "$P" "$A" Referenced)" "0 0"
claim_eq "all 64 are still dirty; smaps Private_Dirty is still 256 kB" \
	"$(count .dirty) $(smaps_kb "$P" "$A" Private_Dirty)" "64 256"

section "Read 8 pages: 0, 8, 16, ... 56"
predict "which entries are young now? did the reads fault?"
m0=$(minflt "$P")
wl read ws 0 8 8 >/dev/null
m1=$(minflt "$P")
show mmscope ptes --young --range "$R" "$P"
say "Exactly the pages used since the clear are young: that is the working set"
say "of the interval.  No fault was needed: the pages were mapped, and the"
say "MMU set the A bits by itself while walking the tables."
want=$(i=0; while [ $i -lt 64 ]; do echo "0x$(hexadd "$A" $i)"; i=$((i + 8)); done)
claim_eq "the young entries are exactly the 8 pages read" \
	"$(mmscope ptes --json --young --range "$R" "$P" | jq -r '.[].va')" "$want"
claim_eq "smaps Referenced is 32 kB (8 pages)" "$(smaps_kb "$P" "$A" Referenced)" 32
claim_eq "the reads took no page fault (/proc/PID/stat minflt)" "$((m1 - m0))" 0

section "Soft-dirty: which pages were written since a point in time"
# A kernel built without CONFIG_MEM_SOFT_DIRTY has no such bit: no VMA
# shows smaps' "sd" flag, not even a freshly exec'd grep's own.
if grep -q '^VmFlags:.* sd' /proc/self/smaps; then
	predict "after echo 4 > clear_refs, write pages 1, 2, 3 and 4: which pages are soft-dirty?"
	echo 4 >"/proc/$P/clear_refs"
	wl nop >/dev/null	# the command loop's own first writes fault here, not below
	m0=$(minflt "$P")
	wl write ws 1 4 >/dev/null
	m1=$(minflt "$P")
	say "The hardware D bit cannot be cleared while the page is not written back,"
	say "so the kernel offers a software bit: clear_refs 4 clears it and"
	say "write-protects the entries; the next write to each page faults once and"
	say "sets it (checkpoint/restore uses this to find changed pages)."
	claim_eq "mmscope: exactly 4 soft-dirty entries" "$(count .soft_dirty)" 4
	claim_eq "pagemap: the same 4 pages are soft-dirty" \
		"$(pagemap_dump "$P" "$A" 64 | grep -c soft-dirty)" 4
	claim_eq "each first write took one (write-protect) fault" "$((m1 - m0))" 4
else
	say "Step skipped: this kernel was built without CONFIG_MEM_SOFT_DIRTY (no"
	say "VMA shows the 'sd' flag in smaps' VmFlags), so it keeps no soft-dirty bit."
fi
lab_end
