# TAP helpers for the in-VM suite (busybox sh).  Test files print
# "ok - DESC" / "not ok - DESC" lines; run-suite numbers them and adds the plan.
# Every assertion compares mmscope's answer with the kernel's own files.

T_NAME=${0##*/}
T_NAME=${T_NAME%.sh}
T_NAME=${T_NAME#t-}

pass() { echo "ok - $T_NAME: $*"; }
fail() { echo "not ok - $T_NAME: $1"; shift; for l in "$@"; do echo "#   $l"; done; }
skip() { echo "ok - $T_NAME: $1 # SKIP $2"; }
diag() { echo "# $*"; }

# is GOT WANT DESC
is() {
	if [ "$1" = "$2" ]; then pass "$3"; else fail "$3" "got:  '$1'" "want: '$2'"; fi
}

# contains HAYSTACK NEEDLE DESC
contains() {
	case $1 in
	*"$2"*) pass "$3" ;;
	*) fail "$3" "'$2' not found in:" "$(echo "$1" | head -n 5)" ;;
	esac
}

# rc_is WANT DESC CMD... : run CMD, compare its exit status; its output is in $OUT
rc_is() {
	local want=$1 desc=$2 rc=0
	shift 2
	OUT=$("$@" 2>&1) || rc=$?
	if [ "$rc" = "$want" ]; then pass "$desc"; else fail "$desc" "exit $rc, want $want" "$(echo "$OUT" | head -n 5)"; fi
}

# Run as the unprivileged user 'student'.
as_user() { su student -s /bin/sh -c "$*"; }

# The median of the numbers on stdin, one per line (the upper one of an even count).
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# zram_swap SIZE: swap on zram (SIZE, e.g. 64M) unless zram swap is on
# already (an earlier test's, whatever its size); true if it is on after.
zram_swap() {
	if ! grep -q zram0 /proc/swaps; then
		[ -e /sys/block/zram0 ] || modprobe zram 2>/dev/null
		echo "$1" >/sys/block/zram0/disksize 2>/dev/null
		mkswap /dev/zram0 >/dev/null 2>&1
		swapon /dev/zram0 2>/dev/null
	fi
	grep -q zram0 /proc/swaps
}

# Unreclaimable slab + vmalloc, kB, after dropping caches and shrinking every
# slab cache: that frees empty slabs and, on a KASAN kernel, takes the
# caches' freed objects out of KASAN's quarantine (up to 1/32 of memory,
# which otherwise shows as growth: 10 MB on the debug kernel after t-stress,
# 1.4 MB after 100,000 fuzz iterations).
kernel_kb() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	for f in /sys/kernel/slab/*/shrink; do echo 1 >"$f"; done 2>/dev/null
	awk '/^(SUnreclaim|VmallocUsed):/ { s += $2 } END { print s }' /proc/meminfo
}
