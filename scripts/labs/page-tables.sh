#!/bin/sh
# Multi-level page tables: what a dense and a sparse address space cost in
# page-table pages.
. "$(dirname "$0")/lib.sh"

title "Multi-level page tables: dense and sparse address spaces"
book "OSTEP ch. 20 (Paging: Smaller Tables, multi-level page tables); CSAPP 9.6.3 (Multi-Level Page Tables) and 9.7.1 (Core i7 Address Translation)"

wl_start
P=$WL
L=$(mmscope info --json | jq .page_table_levels)
say "The MMU walks $L levels of tables (pgd$( [ "$L" = 5 ] && echo ', p4d'), pud, pmd, pte): each"
say "table is one 4 KiB page of 512 entries.  A PTE table maps 2 MiB, a PMD table"
say "1 GiB, a PUD table 512 GiB.  Tables exist only where something is mapped."

# Page-table pages per level, from mmscope's walk; VmPTE from the kernel.
tables() { mmscope mm --json "$P" | jq -r ".page_table_pages | \"\(.pte) \(.pmd) \(.pud)\""; }
# grow CMD...: run a workload command; dpte, dpmd, dpud: the new tables of
# each level mmscope's walk finds; dkb: the growth of VmPTE (kB).
grow() {
	set -- "$(tables)" "$(status_kb "$P" VmPTE)" "$@"
	local t0=$1 k0=$2
	shift 2
	wl "$@" >/dev/null
	set -- $t0 $(tables)
	dpte=$(($4 - $1)) dpmd=$(($5 - $2)) dpud=$(($6 - $3))
	dkb=$(($(status_kb "$P" VmPTE) - k0))
}

section "Dense: 512 pages side by side"
predict "writing every page of a 2 MiB-aligned 2 MiB region (512 pages): how many new PTE tables? how many bytes of tables per byte of data?"
wl map dense 2m nothp align=2m >/dev/null
grow write dense 0 512
show mmscope mm "$P"
say "One PTE table holds all 512 entries: 4 KiB of tables for 2 MiB of data"
say "(0.2%).  The PMD entry above it may be in a table that already existed."
claim_eq "one new PTE table" "$dpte" 1
claim_eq "the kernel's count of table memory (VmPTE) grew by exactly what mmscope's walk found" \
	"$dkb" "$(((dpte + dpmd + dpud) * 4))"

section "Sparse: 64 pages, 1 GiB apart"
predict "writing one page in each of 64 consecutive gigabytes: how many PTE tables and PMD tables, and how much table memory for 256 KiB of data?"
S=$(wl map sparse 64g noreserve nothp align=1g)
grow write sparse 0 64 262144
show mmscope mm "$P"
say "Every page lies in its own gigabyte, so each needs its own PMD table"
say "(one per GiB) and its own PTE table (one per 2 MiB): 128 table pages,"
say "512 KiB of tables, to map 256 KiB of data.  A multi-level table is cheap"
say "for dense address spaces and costly for very sparse ones; a single-level"
say "table would need 2^36 entries whatever was mapped."
claim_eq "64 new PTE tables and 64 new PMD tables" "$dpte $dpmd" "64 64"
claim_eq "VmPTE grew by exactly what mmscope's walk found ($((dpte + dpmd + dpud)) pages)" \
	"$dkb" "$(((dpte + dpmd + dpud) * 4))"
claim_test "that is at least 512 kB of tables" "$dkb" -ge 512

section "One sparse address, level by level"
V=$(hexadd "$S" $((5 * 262144)))
show mmscope xlate "$P" "0x$V"
X=$(mmscope xlate --json "$P" "0x$V")
say "Each level's 9-bit index selects an entry that points to the next table;"
say "the last one holds the frame; the low 12 bits are the offset in the page."
claim_eq "the walk reads one entry per level ($L)" "$(echo "$X" | jq '.steps | length')" "$L"
claim_eq "and ends at the frame pagemap gives for that page" \
	"$(echo "$X" | jq -r .pa)" "0x$(pagemap_dump "$P" "$V" 1 | awk '{ print $3 }')000"
V2=$(hexadd "$S" $((6 * 262144)))
claim_test "the next gigabyte's page is reached through another PMD table" \
	"$(mmscope xlate --json "$P" "0x$V2" | jq -r '.steps[] | select(.level == "pmd") | .table_pa')" != \
	"$(echo "$X" | jq -r '.steps[] | select(.level == "pmd") | .table_pa')"
lab_end
