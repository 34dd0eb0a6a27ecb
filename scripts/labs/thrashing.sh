#!/bin/sh
# Replacement and thrashing in a memory cgroup: a loop over more memory
# than the cgroup may use faults on (nearly) every page, every pass.
. "$(dirname "$0")/lib.sh"

title "Page replacement and thrashing in a memory cgroup"
book "OSTEP ch. 22 (Beyond Physical Memory: Policies: LRU, the looping workload, thrashing); CSAPP 9.3.6 (Locality to the Rescue Again: thrashing)"

LIMIT_MB=16
CG=/sys/fs/cgroup/mmscope-lab
swap_on || { bad_claim "swap on zram can be set up"; lab_end; }
grep -qw memory /sys/fs/cgroup/cgroup.subtree_control || echo +memory >/sys/fs/cgroup/cgroup.subtree_control
rmdir "$CG" 2>/dev/null
mkdir "$CG" || { bad_claim "a memory cgroup can be made"; lab_end; }
echo $((LIMIT_MB << 20)) >"$CG/memory.max"
finish() { mmscope policy clear "$CG" >/dev/null 2>&1; lab_cleanup; rmdir "$CG" 2>/dev/null; swap_off; }
trap finish EXIT
lg=$(cat /sys/kernel/mm/lru_gen/enabled 2>/dev/null || echo 0x0000)
[ "$lg" = 0x0000 ] && POLICY="the classic active/inactive lists" || POLICY="the multi-gen LRU"
say "A memory cgroup limits the memory its processes may use (memory.max ="
say "$LIMIT_MB MiB here).  When they need more, the kernel reclaims their own"
say "pages: anonymous pages go to swap (zram).  Which pages it picks is the"
say "replacement policy: here the kernel's approximation of LRU, $POLICY."

cgstat() { awk -v n="$1" '$1 == n { print $2 }' "$CG/memory.stat"; }
cgevent() { awk -v n="$1" '$1 == n { print $2 }' "$CG/memory.events"; }

# run_loop MIB PASSES: a workload in the cgroup writes MIB MiB, then reads
# it in order PASSES times.  Sets MAJ (its major faults during the passes),
# CGMAJ (memory.stat pgmajfault), REFAULT (workingset_refault_anon), HITS
# (memory.events max), all over the passes.
run_loop() {
	rm -rf "$W"
	mkdir -p "$W"
	sh -c 'echo $$ >"$1/cgroup.procs" && exec lab_workload "$2"' sh "$CG" "$W" &
	WL=$!
	i=0
	while [ ! -f "$W/ready" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	P=$WL
	wl map loop "${1}m" nothp >/dev/null
	wl write loop 0 $(($1 * 256)) >/dev/null
	j0=$(majflt "$P") c0=$(cgstat pgmajfault) r0=$(cgstat workingset_refault_anon) h0=$(cgevent max)
	wl cycle loop "$2" >/dev/null
	MAJ=$(($(majflt "$P") - j0)) CGMAJ=$(($(cgstat pgmajfault) - c0))
	REFAULT=$(($(cgstat workingset_refault_anon) - r0)) HITS=$(($(cgevent max) - h0))
	show mmscope faults "$P"
	kill "$WL"
	wait "$WL" 2>/dev/null
	WL=
}

PASSES=3
section "A loop that fits: 8 MiB, $PASSES passes"
predict "how many major faults in $PASSES passes over 8 MiB with $LIMIT_MB MiB allowed?"
run_loop 8 $PASSES
say "None: after the first write every page stays resident."
claim_eq "no major fault during the passes (/proc/PID/stat majflt, memory.stat pgmajfault)" "$MAJ $CGMAJ" "0 0"
claim_eq "the cgroup never hit memory.max during the passes (memory.events max)" "$HITS" 0

section "A loop that does not fit: 24 MiB, $PASSES passes"
N=$((24 * 256))
M=$((LIMIT_MB * 256))
predict "24 MiB ($N pages) read in order, $PASSES times, with at most $M pages resident: how many major faults per pass with LRU?  With the best possible policy?"
run_loop 24 $PASSES
say "$MAJ major faults: $((MAJ / PASSES)) per pass of $N pages.  In a loop over"
say "more pages than fit, the least recently used page is always the one needed"
say "soonest: LRU evicts exactly the wrong pages and (nearly) every access"
say "faults.  Even the optimal policy (Belady's MIN: evict the page used"
say "farthest in the future) must fault at least $((N - M)) times per pass."
say "The process spends its time waiting for swap: it thrashes."
claim_test "at least $PASSES x $((N - M)) major faults, the bound no policy can beat (majflt)" \
	"$MAJ" -ge $((PASSES * (N - M)))
claim_test "the cgroup hit memory.max (memory.events max rose)" "$HITS" -gt 0
claim_test "the kernel saw its evicted pages come back (memory.stat workingset_refault_anon)" "$REFAULT" -gt 0
claim_test "memory.stat pgmajfault of the cgroup agrees with the process's majflt (within 5%)" \
	"$(((CGMAJ - MAJ) * (CGMAJ - MAJ) * 400))" -le "$((MAJ * MAJ))"

DEF_MAJ=$MAJ

section "Another policy for this cgroup: MRU"
if mmscope info --json | jq -e '.features[] | select(.name == "policy" and .available)' >/dev/null 2>&1; then
	predict "the same 24 MiB loop, but the cgroup's reclaim now evicts the most recently used page first (mmscope's mru policy): more or fewer major faults than $DEF_MAJ?"
	show mmscope policy set "$CG" mru
	run_loop 24 $PASSES
	show mmscope policy show
	EVICTED=$(mmscope policy show --json | jq --arg c "${CG#/sys/fs/cgroup}" \
		'[.policies[] | select(.cgroup == $c) | .candidates.evicted] | first // 0')
	mmscope policy clear "$CG" >/dev/null
	say "$MAJ major faults instead of $DEF_MAJ.  MRU keeps a fixed part of the"
	say "loop resident and sacrifices the pages it has just used, which in a"
	say "loop are the ones needed last: every pass now hits the kept part.  No"
	say "policy can go below the bound above; MRU comes near it.  For other"
	say "workloads (a hot set and a scan) LRU wins instead: see"
	say "Documentation/policies.rst, and try mmscope policy set $CG lru."
	claim_test "the kernel's reclaim evicted the cgroup's pages through the policy (policy show: evicted)" \
		"$EVICTED" -gt 0
	claim_test "with mru, at most 3/4 of the default's major faults ($MAJ vs $DEF_MAJ)" \
		"$((MAJ * 4))" -le "$((DEF_MAJ * 3))"
	claim_test "and still no fewer than the bound no policy can beat" "$MAJ" -ge $((PASSES * (N - M)))
else
	say "Step skipped: this mmscope has no 'policy' feature (mmscope info)."
fi
lab_end
