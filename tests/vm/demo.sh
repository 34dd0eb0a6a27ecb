#!/bin/sh
# The demo shown by `make demo`: a workload, and mmscope looking at it.
# On a terminal (scripts/vm shell), `mmscope top` opens on the workload.
demo_workload >/tmp/demo.out 2>&1 &
pid=$!
sleep 1
cat /tmp/demo.out
echo
echo "== mmscope info"
mmscope info
echo
echo "== the demo workload (pid $pid), as the kernel lists its mappings"
cat /proc/$pid/maps
echo
if [ -t 0 ] && [ -t 1 ]; then
	echo "Starting 'mmscope top $pid' (q quits, ? shows the keys)..."
	sleep 2
	mmscope top $pid
	echo "'kill -USR1 $pid' makes the workload write the first page of its shared mapping."
fi
echo "The workload keeps running as pid $pid."
