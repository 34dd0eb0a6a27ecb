# Helpers for tests that drive `mmscope top` in tmux as a person would:
# start it in a pane of a known size, send keys, read the screen.  TAP on
# stdout ("ok N - ..."), the plan at the end (tap_done).  bash.
#
# Every test uses its own tmux server (socket mmscope-PID), killed on exit.

TM_SOCK=mmscope-$$
TAP_N=0
TAP_FAILED=0

tm() { tmux -L "$TM_SOCK" -f /dev/null "$@"; }

tm_cleanup() { tm kill-server 2>/dev/null || true; }
trap tm_cleanup EXIT
# A session that outlives the tested ones, so the server does not exit (and
# restart racily) when they quit.
tm new-session -d -s keep -x 20 -y 5 "sleep 3600"

# tm_start NAME COLS ROWS CMD: a detached session running CMD (a shell string).
tm_start() {
	local name=$1 cols=$2 rows=$3
	shift 3
	# (No global window-size option: tmux 3.3a's server dies on the next
	# new-session when it is set.  Detached sessions keep -x/-y anyway.)
	tm new-session -d -s "$name" -x "$cols" -y "$rows" "$*"
}

tm_keys() {
	local name=$1
	shift
	tm send-keys -t "$name" "$@"
}

# The visible screen (-e: with escape sequences for colours and attributes).
tm_screen() { tm capture-pane -p -t "$1" ${2:-} 2>/dev/null; }

# tm_wait NAME REGEX [SECONDS]: until the screen matches (0) or time runs out (1).
tm_wait() {
	local name=$1 re=$2 limit=${3:-10} i=0
	while [ "$i" -lt $((limit * 10)) ]; do
		tm_screen "$name" | grep -qE -- "$re" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# tm_settle NAME: until the screen stops changing (about a quarter second).
tm_settle() {
	local a b i=0
	a=$(tm_screen "$1")
	while [ "$i" -lt 50 ]; do
		sleep 0.25
		b=$(tm_screen "$1")
		[ "$a" = "$b" ] && return 0
		a=$b
		i=$((i + 1))
	done
}

tap_ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $*"; }
tap_fail() {
	local desc=$1
	shift
	TAP_N=$((TAP_N + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_N - $desc"
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/#   /'; done
}

# tap_is GOT WANT DESC
tap_is() {
	if [ "$1" = "$2" ]; then tap_ok "$3"; else tap_fail "$3" "got:  '$1'" "want: '$2'"; fi
}

# tap_wait NAME REGEX DESC [SECONDS]: the screen comes to match REGEX; then
# it is let settle, so that the next assertions read a whole screen.
tap_wait() {
	if tm_wait "$1" "$2" "${4:-10}"; then
		tm_settle "$1"
		tap_ok "$3"
	else
		tap_fail "$3" "no match for /$2/ on the screen:" "$(tm_screen "$1")"
	fi
}

# tap_screen NAME REGEX DESC: the screen (as it is now, give or take a
# redraw in progress) matches REGEX.
tap_screen() { tap_wait "$1" "$2" "$3" 2; }

tap_done() { echo "1..$TAP_N"; [ "$TAP_FAILED" = 0 ]; }
