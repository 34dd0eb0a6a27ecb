# Kernel lockdown at the integrity level (boot with "lockdown=integrity"
# and the module not loaded: scripts/check gives it its own boot).  An
# unsigned module is refused with EPERM and the kernel says why; a module
# signed with a key the kernel trusts (the debug kernel's, scripts/vm signs
# it) loads and works read-only: netlink answers, read-only debugfs files
# read, writable ones are refused, and `mmscope info` says why.
. ./lib.sh

KO=/mmscope/mmscope.ko
D=/sys/kernel/debug/mmscope

mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
if [ -e /sys/kernel/security/lockdown ]; then
	contains "$(cat /sys/kernel/security/lockdown 2>&1)" "[integrity]" "the kernel is locked down (integrity)"
else
	# A kernel without CONFIG_SECURITYFS (the debug kernel) has no
	# lockdown file; the lockdown LSM says it at boot.
	contains "$(dmesg | grep 'Kernel is locked down')" "locked down from command line" \
		"the kernel is locked down (its boot log; no securityfs)"
fi
lsmod | grep -q '^mmscope ' && rmmod mmscope

signed=0
tail -c 28 $KO | grep -q '~Module signature appended~' && signed=1
rc=0
out=$(insmod $KO 2>&1) || rc=$?
if [ $signed = 0 ]; then
	[ $rc != 0 ] && pass "an unsigned module is refused under lockdown" ||
		fail "an unsigned module is refused under lockdown" "insmod succeeded"
	contains "$out" "not permitted" "insmod says: operation not permitted"
	contains "$(dmesg | grep -i lockdown)" "unsigned module loading is restricted" \
		"the kernel log says why (unsigned module loading is restricted)"
	rc_is 3 "the tool says the module is not loaded (exit 3)" mmscope info
	exit 0
fi

is "$rc" 0 "a module signed with a trusted key loads under lockdown"
rc_is 0 "netlink: info answers" mmscope info
avail=$(mmscope --json info | jq -r '.features[] | select(.name == "debugfs-write") | .available')
reason=$(mmscope --json info | jq -r '.features[] | select(.name == "debugfs-write") | .reason')
is "$avail" "false" "info: debugfs-write is unavailable"
contains "$reason" "lockdown" "info: the reason names lockdown"
sleep 100 &
T=$!
rc_is 0 "netlink: mm of a process answers" mmscope mm $T
rc_is 0 "netlink: ptes of a process answer" mmscope ptes --count $T
rc_is 0 "netlink: fault tracking starts (perf and kprobes are allowed at this level)" \
	mmscope faults --track $T
rc_is 0 "netlink: fault tracking stops" mmscope faults --stop $T
rc_is 0 "debugfs: a read-only file (version) reads" cat $D/version
rc_is 0 "debugfs: a read-only file (buddy) reads" cat $D/buddy
sh -c "echo $T >$D/target" 2>/dev/null &&
	fail "debugfs: a writable file (target) cannot be written" ||
	pass "debugfs: a writable file (target) cannot be written"
cat $D/rmap >/dev/null 2>&1 &&
	fail "debugfs: a writable file (rmap) cannot even be read" ||
	pass "debugfs: a writable file (rmap) cannot even be read"
kill $T
rc_is 0 "rmmod under lockdown" rmmod mmscope
exit 0
