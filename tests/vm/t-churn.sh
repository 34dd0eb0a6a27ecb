# Walking targets that mmap, munmap, mremap, mprotect, fork and exit while
# they are walked: 1,000 operations, each either an answer or a clear error.
. ./lib.sh

ok=0
clear=0
bad=0
ops=0
D=/sys/kernel/debug/mmscope
P=
start_churn() { churn 2 & P=$!; }
start_churn
while [ $ops -lt 1000 ]; do
	kill -0 $P 2>/dev/null || { wait $P 2>/dev/null; start_churn; }
	case $((ops % 5)) in
	0) out=$(mmscope ptes $P 2>&1 >/dev/null) ;;
	1) out=$(mmscope vmas --json $P 2>&1 >/dev/null) ;;
	2) out=$(mmscope mm $P 2>&1 >/dev/null) ;;
	3) out=$(mmscope xlate $P 0x10000 2>&1 >/dev/null) ;;
	4) out=$( { echo $P >$D/target && cat $D/pagetable >/dev/null; } 2>&1) ;;
	esac
	rc=$?
	ops=$((ops + 1))
	if [ $rc = 0 ]; then
		ok=$((ok + 1))
	else
		case $out in
		*"no such process"*|*"has exited"*|*"try again"*|*"No such process"*|*"No such file"*)
			clear=$((clear + 1)) ;;
		*) bad=$((bad + 1)); [ $bad -le 5 ] && diag "unexpected: rc $rc: $out" ;;
		esac
	fi
done
kill $P 2>/dev/null
wait 2>/dev/null
diag "operations $ops: answered $ok, clear errors $clear, other $bad"
is "$bad" 0 "1000 walks of a churning, exiting target: every one answered or a clear error"
[ $ok -gt 500 ] && pass "most walks of a churning target succeed ($ok of $ops)" ||
	fail "most walks of a churning target succeed" "$ok of $ops"
exit 0
