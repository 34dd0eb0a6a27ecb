#!/bin/sh
# make bench, inside the test VM: mmscope against the kernel's own
# interfaces, measured in the same run.  Prints medians and ratios.
#
# The ratios that matter are timed inside one process (walkbench), so that
# process start-up, which is slow under TCG, does not hide the interfaces'
# cost.  The whole commands (mmscope versus a reader of the kernel's file)
# are timed too, for what a user waits for.
N=${BENCH_RUNS:-7}
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

set -- $(walkbench ptes $N $P $S $E) || exit 1
echo "GET_PTES dump, $3 records:         $1 us"
echo "/proc/PID/pagemap, same range:     $2 us"
echo "ratio ptes/pagemap:                $(ratio $1 $2) (target <= 1.00)"

set -- $(walkbench vmas $N $P) || exit 1
echo "GET_VMAS with counts, $3 VMAs:       $1 us"
echo "/proc/PID/smaps:                   $2 us"
echo "ratio vmas/smaps:                  $(ratio $1 $2) (target <= 0.50)"

echo "whole commands (process start-up included):"
t0=$(timeit $N mmscope info)
d=$(timeit $N mmscope ptes --count --range 0x$S-0x$E $P)
p=$(timeit $N pagemap_check --read $P $S $E)
v=$(timeit $N mmscope vmas --json $P)
s=$(timeit $N cat /proc/$P/smaps)
echo "  mmscope info (start-up):         $t0 us"
echo "  mmscope ptes --count:            $d us; pagemap reader $p us; ratio $(ratio $d $p)"
echo "  mmscope vmas --json:             $v us; cat smaps $s us; ratio $(ratio $v $s)"
kill $P
