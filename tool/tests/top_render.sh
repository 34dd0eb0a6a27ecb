#!/usr/bin/env bash
# Rendering tests of `mmscope top` on the host: the tool replays snapshots
# recorded in the test VM (tests/data/*.jsonl, written by `mmscope top -b
# --record`; policy.jsonl by tests/vm/record-policy.sh, see its header) in a
# tmux pane; keys are sent as a person types them and the screen is read
# back with capture-pane.  Expected values come from the recording itself
# (jq), never from constants.  TAP on stdout.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."
. ../tests/tmux/lib.sh

REC=tests/data/demo.jsonl
EXIT_REC=tests/data/exit.jsonl
POL_REC=tests/data/policy.jsonl
# tmux sends keys as its own terminal type (tmux-256color) encodes them.
top() { echo "TERM=${1:-tmux-256color} ./mmscope top --replay ${2:-$REC} -d 3600 ${3:-}"; }

# Facts of the first recorded snapshot.
j() { head -n 1 "$REC" | jq -r "$@"; }
hex12() { printf '%012x' "$1"; }
pid=$(j .pid)
comm=$(j .mm.value.comm)
nvmas=$(j '.vmas.value | length')
first_vma=$(hex12 "$(j '.vmas.value[0].start')")
big=$(($(j '.vmas.value | max_by(.rss) | .start')))
big_end=$(($(j '.vmas.value | max_by(.rss) | .end')))
shared=$(($(j '.vmas.value[] | select(.name == "/tmp/demo_workload.data") | .start')))

tm_start t 80 24 "$(top)"

# ---- Overview
tap_wait t "^mmscope top  pid $pid \\($comm\\)" "the header names the recorded process"
tap_screen t "REPLAY 1/3" "the header says it is a replay, and which snapshot"
tap_screen t "^1 Overview 2 VMAs 3 Pages 4 Xlate 5 Faults 6 Rmap 7 Buddy 8 Slab 9 Policy" \
	"the tab line lists the nine views"
tap_screen t "\\? help  q quit *$" "the footer shows the help and quit keys"
tap_screen t "in $(j .mm.value.map_count) VMAs, $(j .mm.value.pt_levels)-level page tables" \
	"Overview: VMA count and paging levels from the snapshot"
tap_screen t "pte $(j '.mm.value.pt[1]')  = " "Overview: PTE table pages from the snapshot"
min=$(j .faults.value.min | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta')
tap_screen t "minor $min " "Overview: the process's minor faults"
tap_screen t "$(j '.slab.value | max_by(.memory) | .name') " "Overview: the largest slab cache"

# ---- VMAs
tm_keys t 2
tap_wait t "^$nvmas VMAs, by START" "VMAs: the count, sorted by address"
tap_is "$(tm_screen t | sed -n 5p | cut -c1-12)" "$first_vma" "VMAs: the first row is the lowest VMA"
tap_is "$(tm_screen t | grep -cE '^[0-9a-f]{12} ')" "$((nvmas < 18 ? nvmas : 18))" \
	"VMAs: as many rows as fit (18 of $nvmas)"
tm_keys t '>' '>' '>' '>' '>'
tap_wait t "VMAs, by RSS" "VMAs: > moves the sort to the RSS column"
tap_is "$(tm_screen t | sed -n 5p | cut -c1-12)" "$(hex12 "$big")" \
	"VMAs: sorted by RSS, the largest resident VMA comes first"
tm_keys t R
tap_wait t "by RSS \\(reversed\\)" "VMAs: R reverses the order"
tm_keys t R Home Enter
tap_wait t "^$(hex12 "$big")-$(hex12 "$big_end") rw-p anon" "VMAs: Enter opens the page map of the selected VMA"

# ---- Page map
tap_screen t "^\\. none  P present  Y young  D dirty" "Pages: the legend"
dirty=$(j '[.ptes[0].value.entries[] | select(.[1] == 1 and .[2] != 5
	and ((.[5] / 64 | floor) % 2 == 1) and (.[6] == null or .[6] <= 1) and (length < 9))] | length')
got=$(tm_screen t | sed -n '4,19p' | cut -c14- | tr -cd D | wc -c)
tap_is "$got" "$dirty" "Pages: one D per dirty entry of the recorded window ($dirty)"
cur=$(j --argjson s "$big" '.ptes[0].value.entries[] | select(.[0] == $s)')
pfn=$(printf '%x' "$(echo "$cur" | jq '.[4]')")
tap_screen t "^$(hex12 "$big")  dirty pte  pfn 0x$pfn  mapcount 1  anon" \
	"Pages: the cursor line decodes the entry under the cursor"
tap_screen t "^bits PWU--AD--X" "Pages: and its bits, letter by letter"
tm_keys t Right
tap_wait t "^$(hex12 $((big + 4096)))  " "Pages: Right moves the cursor to the next page"
tm_keys t g
tap_wait t "go to address \\(hex\\):" "Pages: g asks for an address"
tm_keys t "$(printf '%x' "$shared")" Enter
tap_wait t "/tmp/demo_workload.data" "Pages: g jumps to the VMA holding it"
tap_screen t "^$(hex12 "$shared")  (not in the recording|young pte)" "Pages: the cursor is on that address"
tm_keys t '['
tap_wait t "VMA [0-9]+/$nvmas" "Pages: [ goes to the previous VMA"
tm_keys t c
tap_wait t "clearing the Accessed bits failed: this is a replay" "Pages: c says a replay cannot clear A bits"

# ---- Translate, Rmap: the recorded answers for the page under the cursor
tm_keys t g "$(printf '%x' "$big")" Enter
tap_wait t "^$(hex12 "$big")  dirty pte" "Pages: back to the largest VMA's first page"
tm_keys t 4
tap_wait t "physical address $(j .xlate[0].pa) \\(4 KiB page\\)" "Xlate: the recorded translation"
tap_screen t "^pte +0x[0-9a-f]{12} +[0-9]+ +0x[0-9a-f]{16}" "Xlate: one row per level down to the PTE"
tm_keys t 6
tap_wait t "Who maps pfn 0x$(printf '%x' "$(j .rmap[0].pfn)")" "Rmap: the frame of the default page"
tap_screen t "^ +$pid demo_workload +[0-9a-f]{12}" "Rmap: the process maps it"

# ---- Faults
tm_keys t 5
tap_wait t "^tracking active" "Faults: tracking is shown active"
tap_screen t "^ +$(j '.events.value | last | .seq') +[0-9.]+ +[0-9]+  [0-9a-f]{12}  minor  read" \
	"Faults: the tail ends with the last recorded event"

# ---- Buddy, Slab, Policy
tm_keys t 7
tap_wait t "node 0 DMA32" "Buddy: the DMA32 zone"
tap_screen t "^ +10 +[0-9]+ .* +$(j '.buddy.value[] | select(.zone == "DMA32") | .free[10]') " \
	"Buddy: DMA32's order-10 free blocks"
tm_keys t 8
tap_wait t "$(j '.slab.value | length') caches" "Slab: every cache counted"
tap_is "$(tm_screen t | sed -n 5p | awk '{ print $NF }')" "$(j '.slab.value | max_by(.memory) | .name')" \
	"Slab: the largest cache first"
tm_keys t '>'
tap_wait t "; by active" "Slab: > sorts by active objects"
tm_keys t 9
tap_wait t "not supported by this module" "Policy: a module without the policy feature (the fetch said EOPNOTSUPP)"

# ---- Help, picker, pause, stepping
tm_keys t '?'
tap_wait t "1-9, Tab, Shift-Tab  switch view" "? opens the help"
tap_screen t "^Policy view" "help: the current view's keys"
tm_keys t x
tap_wait t "not supported by this module" "help: any key closes it"
tm_keys t p
tap_wait t "^Choose a process:" "p opens the process picker"
tap_screen t "^ +$pid [a-z0-9]+ .*demo_workload" "picker: the recorded processes"
tm_keys t d e m o
tap_wait t "search \\[demo\\]" "picker: typing searches"
tap_is "$(tm_screen t | grep -cE '^ +[0-9]+ ')" "$(j '[.procs.value[] | select(.comm | test("demo"))] | length')" \
	"picker: only the matching processes are listed"
tm_keys t Escape Escape
tap_wait t "not supported by this module" "picker: Esc clears, then goes back"
tm_keys t Space
tap_wait t "REPLAY 1/3 PAUSED" "space pauses"
tm_keys t Space
tap_wait t "REPLAY 2/3" "space resumes: a replay goes on to its next snapshot"
tm_keys t n
tap_wait t "REPLAY 3/3" "n steps to the next snapshot"

# ---- Resize
tm resize-window -t t -x 110 -y 30
tm_keys t 2
tap_wait t "PRESENT" "a wider screen shows more VMA columns"
tap_is "$(tm_screen t | sed -n 30p | grep -c 'q quit')" 1 "the footer moves to the new last line"
tm resize-window -t t -x 50 -y 10
tap_wait t "needs 60x12; this is 50x10" "a screen too small says so"
tm resize-window -t t -x 80 -y 24
tap_wait t "^$nvmas VMAs" "and it comes back when the screen grows"
tm_keys t q
sleep 0.5

# ---- Colours, and monochrome terminals
tm_start c 80 24 "$(top tmux-256color) -v pages"
tm_wait c "^\\. none" 10
if tm_screen c -e | grep -qE $'\e\\[[0-9;]*3[1-7](;[0-9]+)*m'; then
	tap_ok "colour terminal: the page map is coloured"
else
	tap_fail "colour terminal: the page map is coloured" "$(tm_screen c -e | head -n 8 | cat -v)"
fi
tm_start m 80 24 "$(top vt100) -v pages"
tm_wait m "^\\. none" 10
if tm_screen m -e | grep -qE $'\e\\[[0-9;]*3[0-7](;[0-9]+)*m'; then
	tap_fail "vt100: no colour, attributes only" "$(tm_screen m -e | head -n 8 | cat -v)"
else
	tap_ok "vt100: no colour, attributes only"
fi
tap_is "$(tm_screen m | sed -n 4,19p)" "$(tm_screen c | sed -n 4,19p)" "vt100: the same letters as in colour"

# ---- The process exits during a recording
tm_start e 80 24 "$(top tmux-256color "$EXIT_REC")"
tm_wait e "REPLAY 1/" 10
for i in 1 2 3 4; do tm_keys e n; done
tap_wait e "REPLAY 5/5 EXITED" "exit: the header says EXITED"
tap_screen e "has exited: its last data stay; p picks another" "exit: the status line says what to do"
tap_screen e "^  resident " "exit: the last data stay on screen"
tap_screen e "last data before the exit" "exit: and are labelled as such"

# ---- Policy: a recording of the Policy view, without a process
# pj LINE JQ: a fact of that snapshot; commas: 12345 -> 12,345 as top shows counts.
pj() { grep -v '^#' "$POL_REC" | sed -n "$1p" | jq -r "$2"; }
commas() { echo "$1" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta'; }
# The policy's name: MMSCOPE_POLICY_NAMES of the protocol header, by kind.
read -ra kinds <<<"$(sed -n 's/^#define MMSCOPE_POLICY_NAMES *//p' ../module/uapi/mmscope.h | tr -d '{},"')"
P='.policies.value.policies[0]'
cg=$(pj 1 "$P.cgroup")
tm_start p 80 24 "$(top tmux-256color "$POL_REC") -v policy"
tap_wait p "^Choose a process:" "policy recording: no process recorded, the picker opens first"
tm_keys p Escape
tap_wait p "^1 policy \\(at most 4\\), reclaim path $(pj 1 .policies.value.reclaim) " \
	"Policy: one policy installed, and the reclaim path"
tap_screen p "^$cg  ${kinds[$(pj 1 "$P.kind")]} interval=$(pj 1 "$P.interval_ms")ms max_protect=$(pj 1 "$P.max_protect")  installed [0-9]+ s ago" \
	"Policy: its cgroup, policy and parameters"
tap_screen p "^  candidates +examined $(commas "$(pj 1 "$P.examined")")  referenced $(commas "$(pj 1 "$P.referenced")")  evicted $(commas "$(pj 1 "$P.evicted")")" \
	"Policy: candidates examined, referenced, evicted"
tap_screen p "protected $(commas "$(pj 1 "$P.protected")") " "Policy: candidates protected"
tap_screen p "^  state +$(commas "$(pj 1 "$P.tracked")") pages tracked, $(pj 1 "$P.entry_bytes") B each" \
	"Policy: pages tracked and bytes of state per page"
tap_screen p "^  aging +$(pj 1 "$P.rounds") rounds" "Policy: lru's aging rounds"
tap_screen p "^  since install refaults anon \\+$(commas $(($(pj 1 "$P.now.workingset_refault_anon") - $(pj 1 "$P.base.workingset_refault_anon"))))  file \\+[0-9,]+  major faults \\+$(commas $(($(pj 1 "$P.now.pgmajfault") - $(pj 1 "$P.base.pgmajfault")))) *$" \
	"Policy: refaults and major faults since install (memory.stat now - at install)"
tap_is "$(tm_screen p | sed -n 24p | grep -c 'arrows scroll .*q quit')" 1 "Policy: 80x24, its keys on the last line"
tm_keys p n
tap_wait p "REPLAY 2/3" "n: the next snapshot"
tap_screen p "evicted $(commas "$(pj 2 "$P.evicted")") \\([0-9,]+/s\\)" "Policy: the counters went on, with their rates"
tm_keys p n
tap_wait p "^ No policy installed \\(reclaim path $(pj 3 .policies.value.reclaim)\\)" \
	"Policy: after clear, says none is installed"
tap_is "$(tm_screen p | grep -c -- "$cg")" 0 "Policy: the cleared policy is gone"
tap_is "$(tm_screen p | grep -c 'not supported')" 0 "Policy: none installed is not 'not supported'"
tm_keys p q
out=$(./mmscope top -b --replay "$POL_REC" -n 1 -v policy 2>&1)
tap_is "$(echo "$out" | grep -c "^$cg  ${kinds[$(pj 1 "$P.kind")]} ")" 1 "batch: the Policy view prints the policy"

# ---- Batch mode and the command line
out=$(./mmscope top -b --replay "$REC" -n 1 -v vmas 2>&1)
tap_is "$(echo "$out" | grep -cE '^[0-9a-f]{12} ')" "$nvmas" "batch: every VMA printed"
tap_is "$(./mmscope top -b --json --replay "$REC" -n 2 | jq -s 'map(.pid) | join(" ")')" \
	"\"$pid $pid\"" "batch --json: one JSON object per refresh"
./mmscope top </dev/null >/dev/null 2>&1
tap_is "$?" 2 "top without a terminal exits 2 (use -b)"
./mmscope </dev/null >/dev/null 2>&1
tap_is "$?" 2 "mmscope without a command, not on a terminal: usage, exit 2"
tm_start h 80 24 "./mmscope top --help | head -n 3; sleep 5"
tap_wait h "^Usage: mmscope top" "top --help"

tap_done
