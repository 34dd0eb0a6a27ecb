#!/bin/sh
# make bench, replacement policies: the loop and hot+scan workloads of
# t-policy under each policy next to the kernel's default (major faults and
# run time), then the hook's CPU overhead on a reclaim-heavy run.
#
# Overhead: the loop in a 16 MiB cgroup (every access a refault) with no
# policy (no hook), and with the "default" policy (the hook runs on every
# candidate and decides nothing, so the kernel evicts the same pages);
# runs alternate, and the figure is the median of the pairs' ratios of the
# workload's CPU time (direct reclaim runs in it).  The module's own count
# of the time spent in its handlers is printed too.
CG=/sys/fs/cgroup
A=$CG/bench-pol
RUNS=${BENCH_POLICY_RUNS:-9}

. "$(dirname "$0")/lib.sh"
if ! zram_swap 256M; then
	echo "policies: no zram swap, skipped"
	exit 0
fi
echo +memory >$CG/cgroup.subtree_control
mkdir -p $A
echo 16M >$A/memory.max

run_in() { sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' sh "$@"; }
val() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
# one POLICY CMD...: the workload's line under POLICY ("none": no policy)
one() {
	local pol=$1 out
	shift
	[ "$pol" = none ] || mmscope policy set $A $pol >/dev/null
	out=$(run_in $A "$@")
	[ "$pol" = none ] || mmscope policy clear $A
	echo "$out"
}

echo "replacement policies: 16 MiB memory.max, zram swap, reclaim path $(mmscope policy show --json | jq -r .reclaim)"
printf '%-8s %10s %8s %8s   %10s %10s %8s\n' policy "loop maj" ms "vs def" "hot maj" "scan maj" ms
for pol in none fifo clock lru lfu mru random esc; do
	L=$(one $pol policy_work loop 20 2)
	H=$(one $pol policy_work hotscan 4 40)
	[ $pol = none ] && { lt0=$(val "$L" ms); }
	printf '%-8s %10s %8s %8s   %10s %10s %8s\n' "$([ $pol = none ] && echo default || echo $pol)" \
		"$(val "$L" maj)" "$(val "$L" ms)" \
		"$(awk -v a="$(val "$L" ms)" -v b="$lt0" 'BEGIN { printf "%.2f", a / b }')" \
		"$(val "$H" hot_maj)" "$(val "$H" scan_maj)" "$(val "$H" ms)"
done
echo "(loop: 20 MiB read twice; hot: major faults of a 4 MiB hot set read after every 1 MiB of a 40 MiB scan)"

: >/tmp/bench-pol.pairs
i=0
while [ $i -lt $RUNS ]; do
	off=$(val "$(one none policy_work loop 20 2)" cpu)
	mmscope policy set $A default >/dev/null
	on=$(val "$(run_in $A policy_work loop 20 2)" cpu)
	mmscope policy show --json >/tmp/bench-pol.json
	mmscope policy clear $A
	echo "$off $on" >>/tmp/bench-pol.pairs
	i=$((i + 1))
done
off=$(awk '{ print $1 }' /tmp/bench-pol.pairs | median)
on=$(awk '{ print $2 }' /tmp/bench-pol.pairs | median)
pr=$(awk '{ printf "%.4f\n", $2 / $1 }' /tmp/bench-pol.pairs | median)
echo "hook overhead, loop of refaults (20 MiB x 2 in 16 MiB), $RUNS runs each, alternating:"
echo "  no policy:        median CPU ${off} ms"
echo "  default policy:   median CPU ${on} ms (the hook examines every candidate)"
jq -r '.policies[0] as $p | .hook as $h |
	"  last run: \($p.candidates.examined) candidates, \($h.calls) hook calls, \($h.ns / 1000000 | floor) ms in the handlers, \($h.missed) missed"' \
	/tmp/bench-pol.json
awk -v p=$pr -v on=$on -v off=$off -v h="$(jq '.hook.ns' /tmp/bench-pol.json)" 'BEGIN {
	printf "ratio default/none CPU:             %.3f (median of pairs; target <= 1.02); handlers alone %.1f%% of the run'"'"'s CPU\n",
	       p, h / 1e4 / on }'
rmdir $A 2>/dev/null
true
