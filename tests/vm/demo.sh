#!/bin/sh
# The demo shown by `make demo`: a workload, and mmscope looking at it.
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
echo "The workload keeps running as pid $pid."
