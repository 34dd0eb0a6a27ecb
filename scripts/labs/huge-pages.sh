#!/bin/sh
# Huge pages: a transparent huge page is one PMD entry mapping 2 MiB,
# instead of a PTE table of 512 entries.
. "$(dirname "$0")/lib.sh"

title "Huge pages: one PMD leaf instead of 512 PTEs"
book "OSTEP ch. 19 (Paging: Faster Translations (TLBs): larger pages) and ch. 23 (Linux: large page support); CSAPP 9.6.2 (Speeding Up Address Translation with a TLB) and 9.7.1 (Core i7: PDEs that map 2 MiB pages)"

wl_start
P=$WL
say "THP mode: $(cat /sys/kernel/mm/transparent_hugepage/enabled)"
say "The workload (PID $P) maps two 4 MiB regions aligned to 2 MiB: 'small' with"
say "huge pages refused (MADV_NOHUGEPAGE), 'huge' with MADV_HUGEPAGE."
S=$(wl map small 4m nothp align=2m)
H=$(wl map huge 4m thp)

section "Write every page of 'small'"
m0=$(minflt "$P")
wl write small 0 1024 >/dev/null
m1=$(minflt "$P")
ent() { mmscope ptes --json --range "0x$1-0x$(hexadd "$1" 1024)" "$P" | jq "[.[] | select($2)] | length"; }
say "1024 pages, 1024 page faults, 1024 PTEs in 2 PTE tables."
claim_eq "1024 minor faults" "$((m1 - m0))" 1024
claim_eq "1024 entries at the pte level, no huge entry" \
	"$(ent "$S" '.level == "pte"') $(ent "$S" .huge)" "1024 0"
claim_eq "smaps AnonHugePages of 'small': 0 kB" "$(smaps_kb "$P" "$S" AnonHugePages)" 0

section "Write one byte in each 2 MiB of 'huge'"
predict "two writes into 4 MiB: how many faults, how many entries, how much memory?"
m0=$(minflt "$P")
t0=$(vmstat thp_fault_alloc)
wl write huge 0 2 512 >/dev/null
m1=$(minflt "$P")
t1=$(vmstat thp_fault_alloc)
show mmscope ptes --range "0x$H-0x$(hexadd "$H" 1024)" "$P"
say "Each fault allocated a whole 2 MiB page (512 contiguous frames, zeroed)"
say "and mapped it with a single PMD entry whose PSE bit (S) marks it a leaf:"
say "no PTE table below it.  One TLB entry covers 2 MiB instead of 4 KiB."
claim_eq "2 faults, 2 THP allocations (vmstat thp_fault_alloc)" "$((m1 - m0)) $((t1 - t0))" "2 2"
claim_eq "2 entries, both huge PMD leaves of 2 MiB" \
	"$(ent "$H" true) $(ent "$H" '.level == "pmd" and .size == 2097152 and .pse_pat')" "2 2"
claim_eq "smaps AnonHugePages of 'huge': 4096 kB" "$(smaps_kb "$P" "$H" AnonHugePages)" 4096
pf=$(mmscope ptes --json --range "0x$H-0x$(hexadd "$H" 1)" "$P" | jq .[0].pfn)
claim_eq "the leaf's 512 pages are 512 contiguous frames (pagemap)" \
	"$(pagemap_dump "$P" "$H" 512 | awk -v b="$pf" '$3 != sprintf("%x", b + NR - 1) { bad++ } END { print bad + 0 }')" 0
show mmscope xlate "$P" "0x$(hexadd "$H" 3)"
claim_eq "the walk stops at the PMD: page size 2 MiB" \
	"$(mmscope xlate --json "$P" "0x$(hexadd "$H" 3)" | jq -r '"\(.steps[-1].level) \(.page_size)"')" "pmd 2097152"

section "Page tables: the cost of 'small' and 'huge'"
vpt() { mmscope vmas --json "$P" | jq ".[] | select(.start == \"0x$1\") | .page_table_pages"; }
show mmscope mm "$P"
say "'small' needs two PTE tables (8 KiB); 'huge' needs none, though the kernel"
say "keeps one PTE table per THP aside (deposited) in case it must split the"
say "huge page later: mmscope mm shows them as deposited, VmPTE counts them."
claim_eq "mm: one deposited PTE table per anonymous THP (smaps_rollup AnonHugePages / 2 MiB)" \
	"$(mmscope mm --json "$P" | jq .page_tables_deposited)" \
	"$(($(awk '$1 == "AnonHugePages:" { print $2 }' "/proc/$P/smaps_rollup") / 2048))"
claim_test "'huge' reaches fewer table pages than 'small'" "$(vpt "$H")" -lt "$(vpt "$S")"
lab_end
