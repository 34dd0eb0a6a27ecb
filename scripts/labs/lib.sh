# Helpers for the classroom labs (POSIX sh, sourced by scripts/labs/*.sh;
# they run as root in the test VM, where this file is /mmscope/labs/lib.sh).
#
# A lab prints what to predict, runs mmscope and a workload, explains what
# the output shows, and states claims.  Every claim is checked against the
# kernel's own files (pagemap, smaps, status, stat, vmstat, buddyinfo,
# slabinfo, kpageflags, memory.stat) and printed as
#     [holds] CLAIM            or    [FAILS] CLAIM
# lab_end exits 1 if any claim failed.  tests/vm/t-labs.sh turns the claim
# lines into TAP.

LAB=${0##*/}
LAB=${LAB%.sh}
W=/tmp/lab-$LAB
HOLDS=0
FAILS=0
WL=

title() { printf '\n=== Lab: %s ===\n' "$*"; }
section() { printf '\n--- %s\n' "$*"; }
# Paragraphs of explanation, wrapped at 78 columns.
say() { printf '%s\n' "$*" | fold -s -w 78; }
predict() { printf '\nPredict: %s\n' "$*" | fold -s -w 78; }
book() { printf '\nTextbook: %s\n' "$*" | fold -s -w 78; }

# show CMD...: print the command, run it, indent its output (at most 40
# lines; the rest is counted).  Its exit status is kept in $RC.
show() {
	printf '$ %s\n' "$*"
	RC=0
	"$@" >"$W.show" 2>&1 || RC=$?
	sed -n '1,40s/^/    /p' "$W.show"
	[ "$(wc -l <"$W.show")" -le 40 ] || echo "    ... ($(wc -l <"$W.show") lines in all)"
	return 0
}

ok_claim() { HOLDS=$((HOLDS + 1)); echo "  [holds] $1"; }
bad_claim() {
	FAILS=$((FAILS + 1))
	echo "  [FAILS] $1"
	shift
	for l in "$@"; do echo "          $l"; done
}

# claim_eq DESC GOT WANT: GOT (mmscope or the workload) equals WANT (the kernel).
claim_eq() {
	if [ "$2" = "$3" ]; then ok_claim "$1"; else bad_claim "$1" "got:  '$2'" "want: '$3'"; fi
}

# claim_test DESC A OP B: test A OP B holds (-eq, -ge, -gt, -le, -lt, -ne).
claim_test() {
	if test "$2" "$3" "$4" 2>/dev/null; then ok_claim "$1"; else bad_claim "$1" "not: $2 $3 $4"; fi
}

# claim_true DESC CMD...: CMD succeeds.
claim_true() {
	local d=$1
	shift
	if "$@" >/dev/null 2>&1; then ok_claim "$d"; else bad_claim "$d" "failed: $*"; fi
}

lab_cleanup() {
	[ -n "$WL" ] && kill "$WL" 2>/dev/null && wait "$WL" 2>/dev/null
	WL=
	rm -rf "$W" "$W.show"
}

# The last line: how many claims held; the exit status says whether all did.
lab_end() {
	lab_cleanup
	echo
	echo "$LAB: $HOLDS claims hold, $FAILS fail"
	[ "$FAILS" = 0 ]
	exit $?
}

# ---------------------------------------------------------------- workload

# Start tests/vm/src/lab_workload in $W; its PID is $WL.
wl_start() {
	local i=0
	rm -rf "$W"
	mkdir -p "$W"
	lab_workload "$W" &
	WL=$!
	while [ ! -f "$W/ready" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	[ -f "$W/ready" ] || { bad_claim "the workload starts"; lab_end; }
}

# wl_in DIR CMD...: one command to the workload serving DIR; prints its answer.
wl_in() {
	local d=$1 i=0 pid
	shift
	pid=$(cat "$d/pid" 2>/dev/null)
	kill -0 "$pid" 2>/dev/null || { echo "error workload $pid is gone"; return 1; }
	rm -f "$d/done"
	echo "$*" >"$d/cmd"
	while [ ! -f "$d/done" ] && [ $i -lt 6000 ]; do sleep 0.1; i=$((i + 1)); done
	cat "$d/out"
}
wl() { wl_in "$W" "$@"; }
# The child made by `wl fork`.
wlc() { wl_in "$W/child" "$@"; }

# ---------------------------------------------------------------- ground truth

# Field N of /proc/PID/stat (10 minflt, 12 majflt).
stat_field() { sed 's/.*) //' "/proc/$1/stat" | awk -v n="$2" '{ print $(n - 2) }'; }
minflt() { stat_field "$1" 10; }
majflt() { stat_field "$1" 12; }
# status_kb PID FIELD: a kB field of /proc/PID/status (VmPTE, VmRSS...).
status_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
# smaps_kb PID START FIELD: FIELD (kB) of the VMA starting at START (hex).
smaps_kb() {
	awk -v s="$2" -v f="$3:" '
		/^[0-9a-f]+-[0-9a-f]+ / { split($1, a, "-"); cur = a[1]; sub(/^0+/, "", cur) }
		cur == s && $1 == f { print $2; exit }' "/proc/$1/smaps"
}
# vmstat NAME: a /proc/vmstat counter.
vmstat() { awk -v n="$1" '$1 == n { print $2 }' /proc/vmstat; }
# kpagecount PFN: the frame's mapcount, from /proc/kpagecount, read by
# busybox (static): a dynamically linked reader would map libc's pages itself.
kpagecount() { od -An -tu8 -j $(($1 * 8)) -N 8 /proc/kpagecount | tr -d ' '; }
# kpageflag_count PFN N BIT: how many of N frames from PFN have bit BIT of
# /proc/kpageflags set (10 BUDDY: in a free block; 22 THP...).
kpageflag_count() { pagemap_dump --kpage "$1" "$2" | kpageflag_tally "$3"; }
# kpageflag_tally BIT: the same, of "PFN FLAGS COUNT" lines on stdin.
kpageflag_tally() {
	awk -v bit="$1" '
		{ h = $2; v = 0; d = int(bit / 4)
		  if (length(h) > d) v = index("0123456789abcdef", substr(h, length(h) - d, 1)) - 1
		  for (i = 0; i < bit % 4; i++) v = int(v / 2)
		  if (v % 2) n++ }
		END { print n + 0 }'
}
# hex arithmetic: hexadd A PAGES -> A + PAGES * 4096, hex without 0x.
hexadd() { printf '%x' $((0x$1 + $2 * 4096)); }

# ---------------------------------------------------------------- swap

# Swap on zram (64 MiB) unless there is swap already; 0 when it is on.
swap_on() {
	grep -q '^/' /proc/swaps && return 0
	[ -e /sys/block/zram0 ] || modprobe zram 2>/dev/null
	[ -e /sys/block/zram0 ] || return 1
	[ "$(cat /sys/block/zram0/disksize)" != 0 ] || echo 64M >/sys/block/zram0/disksize
	mkswap /dev/zram0 >/dev/null 2>&1 && swapon /dev/zram0 2>/dev/null && SWAP_LAB=1
	grep -q '^/' /proc/swaps
}
swap_off() { [ -n "${SWAP_LAB:-}" ] && swapoff /dev/zram0 2>/dev/null; SWAP_LAB=; }
