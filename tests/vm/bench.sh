#!/bin/sh
# make bench, inside the test VM: mmscope against the kernel's own
# interfaces, measured in the same run.  Prints medians and ratios.
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

# Process start-up (dynamic linking is slow under TCG) is measured apart,
# so the ratios can also be read net of it.
t0=$(timeit $N mmscope info)
r0=$(timeit $N pagemap_check --pfn $P $S)
c0=$(timeit $N cat /proc/self/stat)
echo "start-up: mmscope ${t0} us, pagemap reader ${r0} us, cat ${c0} us"

d=$(timeit $N mmscope ptes --count --range 0x$S-0x$E $P)
p=$(timeit $N pagemap_check --read $P $S $E)
got=$(mmscope ptes --count --range 0x$S-0x$E $P)
echo "GET_PTES dump ($got entries):    ${d} us"
echo "/proc/PID/pagemap read:            ${p} us"
awk -v a=$d -v b=$p -v x=$t0 -v y=$r0 'BEGIN {
	printf "ratio ptes/pagemap:                %.2f (target <= 1.00); net of start-up %.2f\n",
	       a / b, (a - x) / (b - y > 1 ? b - y : 1) }'

v=$(timeit $N mmscope vmas --json $P)
s=$(timeit $N cat /proc/$P/smaps)
echo "GET_VMAS with counts:              ${v} us"
echo "/proc/PID/smaps read:              ${s} us"
awk -v a=$v -v b=$s -v x=$t0 -v y=$c0 'BEGIN {
	printf "ratio vmas/smaps:                  %.2f (target <= 0.50); net of start-up %.2f\n",
	       a / b, (a - x) / (b - y > 1 ? b - y : 1) }'
kill $P
