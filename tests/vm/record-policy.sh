#!/bin/sh
# Inside the test VM: record `mmscope top`'s Policy view for the rendering
# tests (tool/tests/data/policy.jsonl, read by tool/tests/top_render.sh).
# On the host:
#
#   scripts/vm run -- sh /mmscope/tests/record-policy.sh >tool/tests/data/policy.jsonl
#
# An lru policy (100 ms interval) on /mmscope-test, memory.max 32 MiB, with
# zram swap and a 48 MiB loop reclaiming in it; three refreshes 15 s apart
# (top fetches the policies again only after 400 times what the last fetch
# cost, which under TCG is several seconds), the policy cleared between the
# second and the third.  Prints a header (# lines) and the recording.
CG=/sys/fs/cgroup
A=$CG/mmscope-test
REC=/tmp/policy.jsonl

. "$(dirname "$0")/lib.sh"
zram_swap 256M || exit 1
echo +memory >$CG/cgroup.subtree_control
mkdir -p $A
echo 32M >$A/memory.max
mmscope policy set $A lru interval=100 >/dev/null || exit 1
sh -c 'echo $$ >"$1/cgroup.procs" && exec policy_work loop 48 0' sh $A >/dev/null &
W=$!
sleep 3
rm -f $REC
mmscope top -b -v policy -d 15 -n 3 --record $REC >/dev/null &
T=$!
# Line 1 is written when the second refresh starts, which fetches its own.
while [ "$(grep -c . $REC 2>/dev/null)" != 1 ]; do sleep 0.05; done
sleep 1
mmscope policy clear $A
wait $T
kill $W
wait $W
rmdir $A
echo "# mmscope top --record of the Policy view (-b -v policy -d 15 -n 3), recorded"
echo "# in the test VM ($(uname -r)) by tests/vm/record-policy.sh: an lru policy on"
echo "# /mmscope-test (memory.max 32M, a 48 MiB loop in it), 15 s later,"
echo "# then after \`mmscope policy clear\`."
cat $REC
