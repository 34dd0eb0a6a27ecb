#!/bin/sh
# make bench, fault tracking: the cost of tracking a process on the process.
#
# A loop of mmap, touch 64 pages, munmap, timed by the workload itself
# (CLOCK_MONOTONIC around the loop, so process start-up is not in it), with
# tracking off and on.  Runs alternate off/on, so that each pair sees the
# same load on the host; the median of the pairs' ratios is the figure (the
# ratios of the medians and of the minimums are printed too).  After each
# switch an untimed short loop runs first: the switch patches the fault
# path, and TCG translates the patched code again (Documentation/testing.rst).
#
# With two CPUs or more the workload runs alone on the last one; this shell,
# the tool and the unbound workqueues (where the module's drain runs) on the
# others.  The workload's time is then what tracking costs in its own
# context (the probe on each fault); the drain's work shows in the other
# CPUs' busy time, printed per timed loop with tracking off and on.
# BENCH_FAULT_PIN=0 lets the scheduler place everything.
FN=${BENCH_FAULT_RUNS:-41}
LOOPS=${BENCH_LOOPS:-500}
W=/tmp/bench-faults
WQ=/sys/devices/virtual/workqueue/cpumask

. "$(dirname "$0")/lib.sh"

rm -rf $W
mkdir -p $W
ncpu=$(nproc)
last=$((ncpu - 1))
if [ "${BENCH_FAULT_PIN:-1}" = 1 ] && [ $ncpu -ge 2 ] && [ $ncpu -le 32 ]; then
	others=$(printf '%x' $(( (1 << last) - 1 )))
	wqold=$(cat $WQ 2>/dev/null)
	[ -n "$wqold" ] && echo $others >$WQ
	taskset -p $others $$ >/dev/null
	taskset $(printf '%x' $((1 << last))) fault_workload $W &
	where="CPUs 0-$((last - 1))"
	[ $last = 1 ] && where="CPU 0"
	where="the workload alone on CPU $last; this shell, the tool and unbound workqueues on $where"
else
	last=
	fault_workload $W &
	where="$ncpu CPUs, not pinned"
fi
F=$!
while [ ! -f $W/ready ]; do sleep 0.1; done

# Busy time of the CPUs other than the workload's (ns): the run time of their
# tasks from /proc/schedstat.  /proc/stat's ticks would miss the drain: it
# runs right after a timer tick and is done long before the next.
busy() {
	awk -v w="cpu$last" '$1 ~ /^cpu[0-9]/ && $1 != w { b += $8 } END { printf "%d\n", b / 1000 }' /proc/schedstat 2>/dev/null
}
# loop N: the workload's time for N rounds (us); the others' busy time (us)
# meanwhile goes to $W/busy.  DIR/done is a FIFO here: this shell waits in
# open() for the workload's answer instead of polling.
loop() {
	local b0=$(busy)
	b0=${b0:-0}
	rm -f $W/done
	mkfifo $W/done
	echo "loop ${1:-$LOOPS}" >$W/cmd
	cat $W/done
	local b1=$(busy)
	echo $(( ${b1:-0} - b0 )) >$W/busy
	cat $W/out
}

loop >/dev/null		# warm up
: >$W/pairs
boff=0
bon=0
i=0
while [ $i -lt $FN ]; do
	loop 50 >/dev/null
	off=$(loop)
	boff=$((boff + $(cat $W/busy)))
	mmscope faults --track $F >/dev/null
	loop 50 >/dev/null
	on=$(loop)
	bon=$((bon + $(cat $W/busy)))
	mmscope faults --stop --json $F >$W/stop.json
	echo "$off $on" >>$W/pairs
	i=$((i + 1))
done
echo quit >$W/cmd
wait $F
[ -n "$wqold" ] && echo $wqold >$WQ
taskset -p $(printf '%x' $(( (1 << ncpu) - 1 ))) $$ >/dev/null 2>&1

off=$(awk '{ print $1 }' $W/pairs | median)
on=$(awk '{ print $2 }' $W/pairs | median)
min_off=$(awk '{ print $1 }' $W/pairs | sort -n | head -n 1)
min_on=$(awk '{ print $2 }' $W/pairs | sort -n | head -n 1)
echo "fault loop: $LOOPS x (mmap, write 64 pages, munmap) = $((LOOPS * 64)) faults, $FN runs each, alternating; $where"
echo "tracking off: median ${off} us, min ${min_off} us"
echo "tracking on:  median ${on} us, min ${min_on} us"
jq -r '.tracking | "last tracked run: \(.minor) minor attributed, minflt grew \(.minor_end - .minor_start), unattributed \(.unattributed), dropped \(.dropped), unknown access \(.unknown)"' $W/stop.json
[ -n "$last" ] && [ -r /proc/schedstat ] && awk -v a=$boff -v b=$bon -v n=$FN -v on=$on 'BEGIN {
	printf "other CPUs busy per timed loop:    off %.1f ms, on %.1f ms (the drain: about %.1f%% of the tracked loop'"'"'s time)\n",
	       a / n / 1000, b / n / 1000, 100 * (b - a) / n / on }'
pr=$(awk '{ printf "%.4f\n", $2 / $1 }' $W/pairs | median)
awk -v a=$on -v b=$off -v p=$pr -v mn=$min_on -v mf=$min_off 'BEGIN {
	printf "ratio tracking on/off:             %.3f (median of pairs; target <= 1.05); of medians %.3f, of minimums %.3f\n",
	       p, a / b, mn / mf }'
