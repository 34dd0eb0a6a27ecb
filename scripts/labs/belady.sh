#!/bin/sh
# Lab: Belady's anomaly and LRU on a real MMU (Documentation/labs/belady.rst).
# Runs as root in the test VM (/mmscope/labs/belady.sh).  Prints what to
# predict, runs mmscope frames, and checks each claim it makes: a claim
# line is "  [holds] ..." or "  [FAILS] ..."; the exit status is 1 if any
# claim fails.

. "$(dirname "$0")/lib.sh"

# faults POLICY FRAMES: page faults of the string $S (counters from the module)
faults() { mmscope frames run --json --policy "$1" --frames "$2" -- $S | jq .counters.faults; }
# sweep POLICY: faults for 1 to 7 frames, space-separated
sweep() { mmscope frames sweep --json --policy "$1" --frames 1-7 -- $S | jq -r '[.runs[].counters.faults] | join(" ")'; }

title "Belady's anomaly and LRU on a real MMU"
book "OSTEP ch. 22 (Beyond Physical Memory: Policies): 22.2 optimal, 22.3 FIFO and Belady's anomaly, 22.5 LRU; CSAPP 9.3.4 (page faults: the victim page); Silberschatz et al., Operating System Concepts, 10.4 (page replacement)"

if ! [ -c /dev/mmscope-frames ]; then
	bad_claim "/dev/mmscope-frames exists (is mmscope.ko loaded? 'mmscope info')"
	lab_end
fi

S="1 2 3 4 1 2 5 1 2 3 4 5"
say "The mmscope module gives this lab a region of 6 pages (0 to 5) in which a"
say "replacement policy keeps at most N pages resident: the frames.  The tool"
say "maps the region and touches the pages of a reference string in turn."
say "The module keeps only the page touched last mapped, so every reference"
say "is a real MMU trap into its fault handler: a hit when the page is"
say "resident, a page fault when it is not, and then the policy evicts a"
say "victim if all N frames are in use.  The pages' contents stay in kernel"
say "memory throughout: the frame count is a residency limit, so the numbers"
say "below are exactly the textbook's, taken by a real kernel."
say ""
say "The reference string: $S"

section "FIFO with 3 and with 4 frames"
predict "FIFO evicts the page loaded first.  How many page faults with 3 frames?  With 4?  Surely not more with 4?"
v0=$(vmstat pgfault)
show mmscope frames run --policy fifo --frames 3 -- $S
v1=$(vmstat pgfault)
show mmscope frames run --policy fifo --frames 4 -- $S
f3=$(faults fifo 3)
f4=$(faults fifo 4)
say "Each column is one reference: the page in each frame after it, F when"
say "it faulted, and the page evicted.  With 4 frames, FIFO keeps 1 and 2"
say "too long and evicts them right before they are needed again."
claim_test "FIFO takes 9 page faults with 3 frames (got $f3)" "$f3" -eq 9
claim_test "FIFO takes 10 with 4 frames: one more frame, one more fault (got $f4)" "$f4" -eq 10
claim_test "the kernel handled at least the 12 traps of the 3-frame run (vmstat pgfault +$((v1 - v0)))" \
	$((v1 - v0)) -ge 12

section "FIFO for 1 to 7 frames"
predict "as the frames grow from 1 to 7, where does the fault count go up?"
show mmscope frames sweep --policy fifo --frames 1-7 -- $S
fifo=$(sweep fifo)
up=$(echo "$fifo" | awk '{ for (i = 2; i <= NF; i++) if ($i > $(i - 1)) printf "%d ", i }')
say "Belady's anomaly: for FIFO, more memory can mean more faults."
claim_test "the only count that rises is at 4 frames (faults: $fifo)" "$up" = "4 "

section "LRU on the same string"
predict "LRU evicts the page used least recently.  3 frames?  4 frames?  Does LRU ever fault more with more frames?"
show mmscope frames run --policy lru --frames 3 -- $S
show mmscope frames run --policy lru --frames 4 -- $S
l3=$(faults lru 3)
l4=$(faults lru 4)
lru=$(sweep lru)
rise=$(echo "$lru" | awk '{ n = 0; for (i = 2; i <= NF; i++) if ($i > $(i - 1)) n++; print n }')
say "LRU is a stack algorithm: the pages it keeps with N frames are always"
say "among those it keeps with N + 1, so more frames never mean more faults."
claim_test "LRU takes 10 faults with 3 frames (got $l3)" "$l3" -eq 10
claim_test "and 8 with 4 (got $l4)" "$l4" -eq 8
claim_test "LRU's faults never rise from 1 to 7 frames (faults: $lru)" "$rise" -eq 0

section "The optimal policy as the bound"
predict "OPT evicts the page needed farthest in the future (the module is given the string ahead).  Can FIFO or LRU ever beat it?"
show mmscope frames sweep --policy opt --frames 1-7 -- $S
opt=$(sweep opt)
worse=$(printf '%s\n%s\n%s\n' "$opt" "$fifo" "$lru" | awk '
	NR == 1 { for (i = 1; i <= NF; i++) o[i] = $i; next }
	{ for (i = 1; i <= NF; i++) if ($i < o[i]) n++ }
	END { print n + 0 }')
claim_test "for every frame count, OPT takes no more faults than FIFO or LRU (OPT: $opt)" "$worse" -eq 0
lab_end
