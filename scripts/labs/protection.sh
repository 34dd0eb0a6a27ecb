#!/bin/sh
# Protection bits: RW, U/S and NX in the entries, and what the MMU reports
# when an access breaks them (a segfault, explained by its error code).
. "$(dirname "$0")/lib.sh"

title "Protection bits: RW, U/S, NX, and a segfault explained"
book "OSTEP ch. 18 (Paging: Introduction: what is in a PTE) and ch. 23 (Complete VM Systems: protection); CSAPP 9.5 (VM as a Tool for Memory Protection) and 9.7.1 (Core i7 PTE bits R/W, U/S, XD)"

wl_start
P=$WL
RW=$(wl map data 16k nothp)
RO=$(wl map rodata 16k nothp)
X=$(wl map code 4k code)
wl write data 0 1 >/dev/null
wl write rodata 0 1 >/dev/null
wl protect rodata ro >/dev/null
wl call code >/dev/null
say "Three regions: data (read-write, page 0 written), rodata (page 0"
say "written, then made read-only with mprotect) and code (read+execute: one"
say "'ret' instruction, called)."
show grep -E "^($RW|$RO|$X)-" "/proc/$P/maps"

# bits VA: "rw user nx" of the last entry mmscope's xlate reads.
bits() { mmscope xlate --json "$P" "0x$1" | jq -r '.steps[-1] | "\(.rw) \(.user) \(.nx)"'; }
# perms VA: the bits the VMA's permissions in /proc/PID/maps call for.
perms() {
	awk -v s="$1" '{ split($1, a, "-") } a[1] == s {
		print (substr($2, 2, 1) == "w" ? "true" : "false"), "true", (substr($2, 3, 1) == "x" ? "false" : "true") }' \
		"/proc/$P/maps"
}

section "The bits of each page"
predict "which of RW, U/S and NX is set in the entry of each page?"
show mmscope ptes --range "0x$RW-0x$(hexadd "$RW" 1)" "$P"
show mmscope ptes --range "0x$RO-0x$(hexadd "$RO" 1)" "$P"
show mmscope ptes --range "0x$X-0x$(hexadd "$X" 1)" "$P"
say "W (RW) is set only where the VMA allows writing; U (user) on all three;"
say "X (NX, no-execute) on everything but code.  The kernel derives the bits"
say "from the VMA's permissions when it fills the entry."
claim_eq "data page: RW, U, NX ('rw-' in /proc/PID/maps)" "$(bits "$RW")" "$(perms "$RW")"
claim_eq "rodata page: not RW, U, NX ('r--')" "$(bits "$RO")" "$(perms "$RO")"
claim_eq "code page: not RW, U, executable ('r-x')" "$(bits "$X")" "$(perms "$X")"
show mmscope xlate "$P" "0x$RW"
claim_eq "every level of a user page's walk has U set (the MMU ANDs the levels)" \
	"$(mmscope xlate --json "$P" "0x$RW" | jq '[.steps[] | .user] | all')" true

section "A kernel address"
K=$(awk '$3 == "_text" { print $1; exit }' /proc/kallsyms)
predict "the kernel is mapped in every process's tables. Can the process reach it?"
show mmscope xlate "$P" "0x$K"
J=$(mmscope xlate --json "$P" "0x$K")
say "The kernel's text is mapped in the process's own tables (the upper half),"
say "but with U/S clear: any user-mode access faults."
claim_eq "the walk of the kernel's _text reaches a frame" "$(echo "$J" | jq -r .stop)" ok
claim_eq "with U/S clear at some level" "$(echo "$J" | jq '[.steps[] | .user] | all')" false
pa=$(($(echo "$J" | jq -r .pa)))
code=$(grep 'Kernel code' /proc/iomem | head -n 1 | awk '{ print $1 }')
claim_true "its physical address lies in 'Kernel code' of /proc/iomem ($code)" \
	[ "$pa" -ge "$((0x${code%-*}))" -a "$pa" -le "$((0x${code#*-}))" ]

section "Three segfaults, as the kernel reports them"
say "x86's page-fault error code: bit 0 P (the entry was present: a protection"
say "violation), bit 1 W (a write), bit 2 U (from user mode), bit 4 I (an"
say "instruction fetch).  A fault the kernel cannot resolve is a SIGSEGV, and"
say "the kernel logs the address and the error code."
# segv DESC REGION HOW PAGE ADDR WANT_ERROR
segv() {
	local n0 out line
	n0=$(dmesg | grep -c 'segfault at')
	predict "$1"
	out=$(wl crash "$2" "$3" "$4")
	echo "    a child did: $3 page $4 of $2 -> $out"
	line=$(dmesg | grep 'segfault at' | tail -n +$((n0 + 1)) | grep "segfault at $5 " | tail -n 1)
	echo "    dmesg: ${line#*] }"
	claim_eq "the child died of SIGSEGV (signal 11)" "$out" "signal 11"
	claim_eq "the kernel logged a segfault at 0x$5 with error code $6" \
		"$(echo "$line" | sed -n 's/.*segfault at \([0-9a-f]*\) .*error \([0-9a-f]*\).*/\1 \2/p')" "$5 $6"
}
segv "write to the present read-only page: which error bits?" rodata write 0 "$RO" 7
say "error 7 = P|W|U: the page was mapped, the write broke its protection."
segv "jump into the data page (present, NX): which error bits?" data exec 0 "$RW" 15
say "error 0x15 = P|U|I: an instruction fetch from a no-execute page."
G=$(hexadd "$RW" 4)
segv "read the guard page after data (PROT_NONE, never mapped): which error bits?" data read 4 "$G" 4
say "error 4 = U only: no entry was present; the kernel found the address in a"
say "PROT_NONE area, which allows no access at all, and sent the signal."
lab_end
