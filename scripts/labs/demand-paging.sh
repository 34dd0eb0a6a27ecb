#!/bin/sh
# Demand paging and the zero page: mmap() maps nothing; the first read maps
# the shared zero page; the first write allocates a page.
. "$(dirname "$0")/lib.sh"

title "Demand paging and the zero page"
book "OSTEP ch. 21 (Beyond Physical Memory: Mechanisms) and ch. 23 (Complete VM Systems: demand zeroing); CSAPP 9.3.4 (Page Faults) and 9.8 (Memory Mapping: demand-zero pages)"

wl_start
P=$WL
say "A workload process (PID $P) maps 64 pages (256 KiB) of anonymous memory"
say "with mmap(), then reads and writes some of them, one step at a time."
A=$(wl map demand 256k nothp)
E=$(hexadd "$A" 64)
R="0x$A-0x$E"

# Entries mmscope sees in the region, by kind; pagemap's present pages.
entries() { mmscope ptes --json --range "$R" "$P" | jq "[.[] | select($1)] | length"; }
present() { pagemap_dump "$P" "$A" 64 | grep -c ' present '; }

predict "right after mmap() returns, how many page-table entries map the region, and how much of it is resident (Rss)?"
show mmscope ptes --range "$R" "$P"
say "Nothing: mmap() only created a VMA (a promise). The kernel fills page"
say "tables lazily, on the first access to each page (demand paging)."
claim_eq "no entry maps the fresh region: mmscope and pagemap both count 0" "$(entries true) $(present)" "0 0"
claim_eq "the kernel agrees: smaps Rss of the VMA is 0 kB" "$(smaps_kb "$P" "$A" Rss)" 0

section "Read pages 0-15"
predict "reading 16 pages that were never written: how many page faults, how many new frames of memory?"
m0=$(minflt "$P")
wl read demand 0 16 >/dev/null
m1=$(minflt "$P")
show mmscope ptes --range "0x$A-0x$(hexadd "$A" 4)" "$P"
say "Each read took a minor fault, and each fault mapped the same frame: the"
say "kernel's shared zero page, read-only (no W bit). No memory was allocated:"
say "reading zeros does not need a private copy."
zero=$(entries '.kind == "zero"')
claim_eq "16 entries map the zero page; pagemap shows 16 pages present" "$zero $(present)" "16 16"
claim_eq "16 reads took 16 minor faults (/proc/PID/stat minflt)" "$((m1 - m0))" 16
pfns=$(pagemap_dump "$P" "$A" 16 | awk '{ print $3 }' | sort -u)
claim_eq "all 16 pages map one and the same frame (pagemap)" "$(echo "$pfns" | wc -l)" 1
claim_eq "that frame is the one mmscope calls the zero page" \
	"$(mmscope ptes --json --range "$R" "$P" | jq -r '[.[] | select(.kind == "zero") | .pfn] | unique | .[0]')" \
	"$((0x$pfns))"
claim_eq "the zero page is mapped read-only (no entry has the W bit)" "$(entries '.kind == "zero" and .rw')" 0
claim_eq "it costs no memory: smaps Rss is still 0 kB" "$(smaps_kb "$P" "$A" Rss)" 0

section "Write pages 16-31"
predict "writing 16 pages never touched before: how many faults, how many frames?"
m0=$(minflt "$P")
wl write demand 16 16 >/dev/null
m1=$(minflt "$P")
show mmscope ptes --range "0x$(hexadd "$A" 16)-0x$(hexadd "$A" 20)" "$P"
say "A write fault on a never-touched page allocates a zeroed frame and maps"
say "it writable; the CPU sets the D (dirty) bit on the write."
claim_eq "16 writes took 16 minor faults" "$((m1 - m0))" 16
claim_eq "16 anonymous pages are mapped, writable and dirty" \
	"$(entries '.kind == "anon" and .rw and .dirty')" 16
claim_eq "16 distinct frames (pagemap)" \
	"$(pagemap_dump "$P" "$(hexadd "$A" 16)" 16 | awk '{ print $3 }' | sort -u | wc -l)" 16
claim_eq "smaps Rss is now 64 kB (16 pages of 4 KiB)" "$(smaps_kb "$P" "$A" Rss)" 64

section "Write page 0, which maps the zero page"
predict "page 0 is mapped (to the zero page). Does writing it fault?"
z=$(pagemap_dump "$P" "$A" 1 | awk '{ print $3 }')
m0=$(minflt "$P")
wl write demand 0 1 >/dev/null
m1=$(minflt "$P")
show mmscope xlate "$P" "0x$A"
say "Yes: the entry is read-only, so the write is a protection fault. The"
say "kernel allocates a private zeroed frame and maps it writable in place of"
say "the zero page (copy-on-write from the zero page)."
n=$(pagemap_dump "$P" "$A" 1 | awk '{ print $3 }')
claim_eq "the write took one minor fault" "$((m1 - m0))" 1
claim_test "page 0 now maps a frame other than the zero page (pagemap)" "$n" != "$z"
claim_eq "mmscope sees page 0 as anonymous memory at that frame" \
	"$(mmscope ptes --json --range "0x$A-0x$(hexadd "$A" 1)" "$P" | jq -r '.[0].kind + " " + (.[0].pfn | tostring)')" \
	"anon $((0x$n))"
claim_eq "pages 32-63 were never touched: 32 entries in all, as pagemap shows" "$(entries true)" "$(present)"
claim_eq "smaps Rss: 68 kB" "$(smaps_kb "$P" "$A" Rss)" 68
lab_end
