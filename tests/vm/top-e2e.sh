#!/bin/sh
# In-VM helper of tests/tmux/e2e.sh (the host drives `mmscope top` on the
# serial console and reads the screen): it prints the kernel's own facts
# about the demo workload between @@ markers, which the host compares with
# what top shows.
#   start       start demo_workload; print @@pid=, @@shared= and one
#               "@@map START PERMS" line per /proc/PID/maps line
#   pfn PID VA  print @@pfn=PFN of VA from /proc/PID/pagemap (or none)
#   dirty PID START  print @@dirty=KB@@: the dirty kB smaps counts in the VMA at START
#   write PID   make the workload write its shared page (SIGUSR1), wait for it
case $1 in
start)
	demo_workload >/tmp/demo.out 2>&1 &
	pid=$!
	while ! grep -q shared /tmp/demo.out 2>/dev/null; do sleep 0.2; done
	echo "@@pid=$pid@@"
	awk '/demo_workload.data/ { split($1, a, "-"); print "@@shared=" a[1] "@@" }' /proc/$pid/maps
	awk '{ split($1, a, "-"); print "@@map", a[1], $2 }' /proc/$pid/maps ;;
pfn)
	echo "@@pfn=$(pagemap_check --pfn "$2" "0x$3")@@" ;;
dirty)
	awk -v s="$3" '/^[0-9a-f]+-/ { split($1, a, "-"); cur = a[1] }
		cur == s && /^(Shared|Private)_Dirty:/ { d += $2 }
		END { print "@@dirty=" d + 0 "@@" }' /proc/"$2"/smaps ;;
write)
	kill -USR1 "$2"
	# The signal cuts the workload's one-second sleep short; it writes at once.
	sleep 1
	echo "@@written@@" ;;
*)
	echo "usage: top-e2e.sh start | pfn PID VA | dirty PID START | write PID" >&2
	exit 2 ;;
esac
