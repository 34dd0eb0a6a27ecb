# Stress: walkers, rmap and fault tracking from several threads and
# processes at once (tests/vm/src/nlstress.c, two processes of three threads,
# and a debugfs reader), against processes that fork, exec, mmap, munmap,
# mremap, mprotect, fault THP, get swapped out to zram and exit
# (tests/vm/src/stress_target.c), while the module is unloaded and loaded
# again in a loop.  Every request ends with an answer or an expected error,
# nothing hangs, and the kernel's unreclaimable slab and vmalloc memory,
# measured with the module unloaded, do not grow by 2 MiB.  The boot's kernel-log
# check catches any report (scripts/vm).  MMSCOPE_STRESS_SECONDS (default
# 40) sets the length; `make stress` runs 600 s.
. ./lib.sh

KO=/mmscope/mmscope.ko
D=/sys/kernel/debug/mmscope
S=${MMSCOPE_STRESS_SECONDS:-40}

vmstat() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }
# Bytes in each slab cache (objects x object size), to say what grew.
slabs() { awk 'NR > 2 { print $1, $3 * $4 }' /proc/slabinfo | sort >"$1"; }

# Swap on zram, so MADV_PAGEOUT really swaps (other tests may have used it).
if [ -e /sys/block/zram0 ] || modprobe zram 2>/dev/null; then
	swapoff /dev/zram0 2>/dev/null
	echo 1 >/sys/block/zram0/reset 2>/dev/null
	echo 256M >/sys/block/zram0/disksize 2>/dev/null
	mkswap /dev/zram0 >/dev/null 2>&1
	swapon /dev/zram0 2>/dev/null
fi
grep -q zram0 /proc/swaps && swap=1 || swap=0

# Memory is compared in the same state: module unloaded, swap on, after a
# short run of the targets alone (the kernel's own caches grow with them).
rmmod mmscope
stress_target 5 4 >/dev/null
before=$(kernel_kb)
slabs /tmp/stress-slab0
insmod $KO
# The VM's init holds the page-fault perf events and trace events enabled
# for the whole boot (scripts/vm-init and tests/vm/src/pfpin.c say why:
# under TCG, tracking start and stop many times a second would otherwise
# make the kernel patch its fault path constantly).  Check that it does.
TR=/sys/kernel/tracing
if pidof pfpin >/dev/null && [ "$(cat $TR/events/exceptions/page_fault_user/enable 2>/dev/null)" = 1 ]; then
	pass "the VM holds the page-fault events enabled (pfpin, trace events)"
else
	fail "the VM holds the page-fault events enabled" "pfpin: $(pidof pfpin); trace event: $(cat $TR/events/exceptions/page_fault_user/enable 2>&1)"
fi
pswpout0=$(vmstat pswpout)
thp0=$(vmstat thp_fault_alloc)
rm -f /tmp/stress-stop /tmp/stress-dbg

stress_target "$S" 4 >/tmp/stress-target.out 2>&1 &
T=$!
nlstress --threads 3 --seconds "$S" >/tmp/stress-nl1.out 2>&1 &
N1=$!
nlstress --threads 3 --seconds "$S" >/tmp/stress-nl2.out 2>&1 &
N2=$!
(
	n=0
	while [ ! -f /tmp/stress-stop ]; do
		for p in $(pidof stress_target); do
			{ echo "$p" >$D/target && cat $D/pagetable $D/vmas $D/mm; } >/dev/null 2>&1
			cat $D/buddy $D/faults >/dev/null 2>&1
			n=$((n + 1))
			[ -f /tmp/stress-stop ] && break
		done
	done
	echo $n >/tmp/stress-dbg
) &
R=$!

# Unload and load again, about twice a second, until the end.  A dump in
# progress holds the module: an attempt tries for up to a second.
try_rmmod() {
	for i in 1 2 3 4 5 6 7 8 9 10; do
		rmmod mmscope 2>/tmp/stress-rmmod && return 0
		sleep 0.1
	done
	return 1
}
unloads=0
busy=0
other=0
end=$(($(date +%s) + S))
while [ "$(date +%s)" -lt $end ]; do
	sleep 0.4
	if try_rmmod; then
		unloads=$((unloads + 1))
		sleep 0.1
		if ! insmod $KO 2>/tmp/stress-insmod; then
			fail "insmod during the stress" "$(cat /tmp/stress-insmod)"
			break
		fi
	elif grep -qiE "in use|busy|temporarily unavailable" /tmp/stress-rmmod; then
		busy=$((busy + 1))
	else
		other=$((other + 1))
		diag "rmmod: $(cat /tmp/stress-rmmod)"
	fi
done
touch /tmp/stress-stop
lsmod | grep -q '^mmscope ' || insmod $KO

# Everything must end by itself: a process still running 120 s after the
# end is hung.
hung=
for i in $(seq 120); do
	alive=
	for p in $T $N1 $N2 $R; do
		kill -0 $p 2>/dev/null && alive="$alive $p"
	done
	[ -z "$alive" ] && break
	sleep 1
done
for p in $alive; do
	hung="$hung $p($(cat /proc/$p/comm 2>/dev/null):$(cat /proc/$p/wchan 2>/dev/null))"
	kill -9 $p 2>/dev/null
done
is "$hung" "" "every stress process ended within 120 s of the end (no hang)"
rc1=0
wait $N1 || rc1=$?
rc2=0
wait $N2 || rc2=$?
wait $T $R 2>/dev/null

for f in /tmp/stress-target.out /tmp/stress-nl1.out /tmp/stress-nl2.out; do
	while IFS= read -r l; do diag "$l"; done <"$f"
done
is "$rc1/$rc2" "0/0" "nlstress: every request of 6 threads answered, no hang, no malformed reply"
# Errors that say what happened: the target is gone or changed under the
# walk (ESRCH, EAGAIN, EINVAL for a VA no longer mapped), the module is
# unloaded (ENOENT; EPROTONOSUPPORT: a dump asked of a module on its way
# out), a tracking limit or state (ENOSPC, EBUSY, EEXIST, EALREADY), a
# killed lock wait (EINTR).
odd=$(cat /tmp/stress-nl1.out /tmp/stress-nl2.out | sed -n 's/^nlstress: errors://p' |
	tr ' ' '\n' | grep -E '^E[A-Z0-9]+$' |
	grep -vxE 'ESRCH|EAGAIN|EINVAL|ENOENT|EOPNOTSUPP|EPROTONOSUPPORT|ENOSPC|EBUSY|EEXIST|EALREADY|EINTR' |
	sort -u | tr '\n' ' ')
is "$odd" "" "nlstress: no unexpected error code"
ops=0
for f in /tmp/stress-nl1.out /tmp/stress-nl2.out; do
	o=$(sed -n 's/^nlstress: [0-9]* threads, [0-9]* s: \([0-9]*\) operations.*/\1/p' $f)
	a=$(sed -n 's/.* operations, \([0-9]*\) answered.*/\1/p' $f)
	ops=$((ops + ${o:-0}))
	[ "${a:-0}" -gt 0 ] || fail "nlstress answered requests ($f)" "$(cat $f)"
done
dbg=$(cat /tmp/stress-dbg 2>/dev/null)
ops=$((ops + ${dbg:-0}))
diag "unloads $unloads, refused as busy $busy, other $other; debugfs rounds ${dbg:-0}"
[ $unloads -gt 0 ] && pass "the module was unloaded and loaded again $unloads times under load" ||
	fail "the module was unloaded under load" "unloads 0, busy $busy, other $other"
is "$other" 0 "each unload attempt unloaded or was refused as busy"
procs=$(sed -n 's/^stress_target: \([0-9]*\) processes.*/\1/p' /tmp/stress-target.out)
[ "${procs:-0}" -gt 4 ] && pass "targets lived and died meanwhile ($procs processes)" ||
	fail "targets lived and died meanwhile" "$(cat /tmp/stress-target.out)"
thp=$(($(vmstat thp_fault_alloc) - thp0))
[ "$thp" -gt 0 ] && pass "targets faulted THP ($thp thp_fault_alloc)" ||
	skip "targets faulted THP" "thp_fault_alloc did not grow (THP off?)"
if [ $swap = 1 ]; then
	out=$(($(vmstat pswpout) - pswpout0))
	[ "$out" -gt 0 ] && pass "targets were swapped out meanwhile ($out pages to zram)" ||
		fail "targets were swapped out meanwhile" "pswpout did not grow"
else
	skip "targets were swapped out" "no zram swap in this VM"
fi

rc_is 0 "mmscope info after the stress" mmscope info
rc_is 0 "rmmod after the stress" rmmod mmscope
after=$(kernel_kb)
slabs /tmp/stress-slab1
insmod $KO
diag "unreclaimable slab + vmalloc with the module unloaded: $before kB before, $after kB after"
diag "slab caches that grew most (kB): $(awk 'NR == FNR { b[$1] = $2; next }
	$2 > b[$1] + 4096 { printf "%s %d\n", $1, ($2 - b[$1]) / 1024 }' /tmp/stress-slab0 /tmp/stress-slab1 |
	sort -k2 -n -r | head -n 6 | tr '\n' ' ')"
# The kernel's own caches grow by up to about 1 MiB with the process churn
# (task_struct, signal_cache, proc inodes): only a large leak shows here;
# kmemleak on the debug kernel sees small ones.
[ $((after - before)) -lt 2048 ] &&
	pass "no kernel memory growth across the stress ($before kB -> $after kB)" ||
	fail "no kernel memory growth across the stress" "$before kB before, $after kB after"
[ $swap = 1 ] && swapoff /dev/zram0 2>/dev/null
diag "tally: operations=$ops unloads=$unloads"
exit 0
