#!/bin/sh
# make bench, inside the test VM: mmscope against the kernel's own
# interfaces, measured in the same run.  Prints medians and ratios.
#
# The ratios that matter are timed inside one process (walkbench), so that
# process start-up, which is slow under TCG, does not hide the interfaces'
# cost.  The whole commands (mmscope versus a reader of the kernel's file)
# are timed too, for what a user waits for.  A walkbench run takes
# milliseconds, and a loaded host disturbs many of them: 21 runs give
# steadier medians than the whole commands' 7.
N=${BENCH_RUNS:-21}
C=${BENCH_CMD_RUNS:-7}
MIB=${BENCH_MIB:-256}
populate $MIB /tmp/range &
P=$!
while [ ! -s /tmp/range ]; do sleep 0.2; done
set -- $(cat /tmp/range)
S=$1
E=$2
pages=$(( (0x$E - 0x$S) / 4096 ))
echo "target: $MIB MiB of populated 4 KiB pages ($pages pages), $N runs each, medians"

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }'
}

# Besides the ratio of the medians: the median of the runs' own ratios (the
# two sides of a run share the host's load) and the ratio of the fastest
# runs, which a loaded host disturbs least.
set -- $(walkbench ptes $N $P $S $E) || exit 1
echo "GET_PTES dump, $3 entries:         $1 us"
echo "/proc/PID/pagemap, same range:     $2 us"
echo "ratio ptes/pagemap:                $(ratio $1 $2) (target <= 1.00); median of runs $4, of fastest $(ratio $5 $6)"

set -- $(walkbench vmas $N $P) || exit 1
echo "GET_VMAS with counts, $3 VMAs:       $1 us"
echo "/proc/PID/smaps:                   $2 us"
echo "ratio vmas/smaps:                  $(ratio $1 $2) (target <= 0.50); median of runs $4, of fastest $(ratio $5 $6)"

echo "whole commands (process start-up included), $C runs each, medians:"
t0=$(timeit $C mmscope info)
d=$(timeit $C mmscope ptes --count --range 0x$S-0x$E $P)
p=$(timeit $C pagemap_check --read $P $S $E)
v=$(timeit $C mmscope vmas --json $P)
s=$(timeit $C cat /proc/$P/smaps)
echo "  mmscope info (start-up):         $t0 us"
echo "  mmscope ptes --count:            $d us; pagemap reader $p us; ratio $(ratio $d $p)"
echo "  mmscope vmas --json:             $v us; cat smaps $s us; ratio $(ratio $v $s)"
kill $P

# Fault tracking: the cost on the tracked process.
sh "$(dirname "$0")/bench-faults.sh"

# mmscope top's cost: `mmscope top -b` refreshing every second on a target
# of BENCH_TOP_MIB populated pages.  Its CPU time (user + system: the
# module's netlink work runs in the tool's context), read from /proc/PID/stat
# over BENCH_TOP_SECONDS once start-up and the first refresh are done, over
# that time.  Target: at most 2% of one CPU.  Under TCG on a loaded host the
# guest's CPU times grow with the host's load: run it on a quiet machine.
TMIB=${BENCH_TOP_MIB:-1024}
TN=${BENCH_TOP_SECONDS:-30}
rm -f /tmp/toprange
populate $TMIB /tmp/toprange &
TP=$!
while [ ! -s /tmp/toprange ]; do sleep 0.2; done
ticks() { awk '{ print $14 + $15 }' /proc/$1/stat; }
now() { awk '{ print $1 }' /proc/uptime; }
echo "mmscope top -b -d 1 on $TMIB MiB of populated pages ($((TMIB * 256)) entries), ${TN} s each:"
for v in overview vmas pages all; do
	mmscope top -b -d 1 -n $((TN + 10)) -v $v $TP >/dev/null &
	M=$!
	sleep 5
	c0=$(ticks $M)
	t0=$(now)
	sleep $TN
	c1=$(ticks $M)
	t1=$(now)
	kill $M
	wait $M 2>/dev/null
	awk -v c=$((c1 - c0)) -v t0=$t0 -v t1=$t1 -v hz=100 -v v=$v 'BEGIN {
		printf "  -v %-9s %5.2f%% of a CPU (%d ms of CPU in %.1f s)\n",
		       v, 100 * c / hz / (t1 - t0), c * 1000 / hz, t1 - t0 }'
done
mmscope top -b -n 1 -v all --json $TP >/tmp/top.json
echo "  costs of one fetch (CPU ms): $(jq -r '[to_entries[] | select(.value | type == "object" and has("cost_us")) |
	"\(.key) \(.value.cost_us / 1000)"] | join(", ")' /tmp/top.json);" \
     "each is fetched again after 400 times its cost"
kill $TP

# Replacement policies: faults and run time per policy, the hook's overhead.
sh "$(dirname "$0")/bench-policy.sh"
