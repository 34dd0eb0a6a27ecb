#!/usr/bin/env bash
# End-to-end test of `mmscope top` as a person uses it: the test VM's serial
# console runs in a tmux pane on the host (scripts/vm shell), commands and
# keys are typed with tmux send-keys, screens read with capture-pane.  The
# demo workload runs in the VM; what top shows is compared with the kernel's
# own files there (/proc/PID/maps, pagemap, smaps), printed by
# tests/vm/top-e2e.sh.  TAP on stdout.
#
#   tests/tmux/e2e.sh [KERNEL]     (default: $MMSCOPE_KERNEL, else 6.1)
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$top"
. tests/tmux/lib.sh

K=${1:-${MMSCOPE_KERNEL:-6.1}}
H=tests/vm/top-e2e.sh
VM_H=/mmscope/tests/top-e2e.sh
n_end=0

# The pane's whole history, wrapped lines joined.
hist() { tm capture-pane -p -J -S - -t vm | grep -v '^$'; }
# Type a shell command in the VM and wait for it to finish (an end marker
# the typed line itself does not show: it is computed by the shell).
run() {
	n_end=$((n_end + 1))
	tm_keys vm -l "$1; echo @@end-\$(($n_end))@@"
	tm_keys vm Enter
	tm_wait vm "^@@end-$n_end@@" "${2:-60}"
}
marker() { hist | sed -n "s/^@@$1=\\(.*\\)@@\$/\\1/p" | tail -n 1; }
# The page map's cursor line for VA: "VA  STATE LEVEL  pfn 0x...".
cursor_line() { tm_screen vm | grep -E "^$1  " | head -n 1; }
bits() { tm_screen vm | sed -n 's/^bits \([^ ]*\) .*/\1/p' | head -n 1; }

tm_start vm 120 40 "TERM=tmux-256color exec scripts/vm shell --kernel $K --timeout 1800"
if ! tm_wait vm "exit the shell to power off" 1200 || ! tm_wait vm '/add # ?$' 120; then
	tap_fail "the VM boots to a shell on its serial console" "$(hist | tail -n 30)"
	tap_done
	exit 1
fi
tap_ok "the VM boots to a shell on its serial console (kernel $K)"

# ---- the workload, and the kernel's view of it
run "sh $VM_H start" 120
pid=$(marker pid)
shared=$(marker shared)
# [vsyscall] is listed by maps but is no VMA of the process.
maps=$(hist | awk '$1 == "@@map" && $2 !~ /^ffffffffff/ { print $2, $3 }' | sort)
nmaps=$(echo "$maps" | grep -c .)
[ -n "$pid" ] && [ -n "$shared" ] && [ "$nmaps" -gt 5 ] &&
	tap_ok "demo workload $pid started: $nmaps mappings, shared page at $shared" ||
	tap_fail "demo workload started" "$(hist | tail -n 30)"

# ---- `mmscope` alone on a terminal: the picker, then top
tm_keys vm -l "mmscope"
tm_keys vm Enter
tap_wait vm "^Choose a process:" "mmscope without a command opens top's process picker" 60
tm_keys vm d e m o
tap_wait vm "^ +$pid root +.*demo_workload" "picker: the search finds the workload"
tm_keys vm Enter
tap_wait vm "^mmscope top  pid $pid \\(demo_workload\\)" "picker: Enter looks at it" 30
tap_wait vm "in $nmaps VMAs" "Overview: as many VMAs as /proc/PID/maps lists" 30

# ---- VMAs against /proc/PID/maps
tm_keys vm 2
tap_wait vm "^$nmaps VMAs, by START" "VMAs: the list" 30
shown=$(tm_screen vm | grep -E '^[0-9a-f]{12} ' |
	awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^[r-][w-][x-][ps]$/) { print $1, $i; break } }' | sort)
tap_is "$shown" "$maps" "VMAs: every VMA's start and permissions as in /proc/PID/maps"

# ---- the shared page: clean, then dirty once the workload writes it
tm_keys vm 3 g
tap_wait vm "go to address" "Pages: g asks for an address"
tm_keys vm -l "$shared"
tm_keys vm Enter
tap_wait vm "^$shared  (young|present) pte" "Pages: the shared page is mapped and clean" 30
b=$(bits)
tap_is "${b:6:1}" "-" "Pages: its D bit is clear ($b)"
pfn_top=$(cursor_line "$shared" | sed -n 's/.* pfn 0x\([0-9a-f]*\) .*/\1/p')

# ---- faults, live: the workload reads one new page a second
tm_keys vm 5 t
tap_wait vm "^tracking active" "Faults: t starts tracking" 30
tap_wait vm "^ +1 +[0-9.]+ +$pid  [0-9a-f]{12}  minor  read" \
	"Faults: the workload's faults appear as they happen" 30
tm_keys vm t q

run "sh $VM_H pfn $pid $shared; sh $VM_H dirty $pid $shared"
tap_is "$((0x${pfn_top:-0}))" "$(marker pfn)" "Pages: the page's PFN is pagemap's"
tap_is "$(marker dirty)" 0 "smaps agrees: no dirty kB in the shared mapping yet"

run "sh $VM_H write $pid; sh $VM_H dirty $pid $shared"
tap_is "$(marker dirty)" 4 "the workload wrote it: smaps counts 4 dirty kB"
tm_keys vm -l "mmscope top -v pages $pid"
tm_keys vm Enter
tap_wait vm "^mmscope top  pid $pid" "top starts again, in the page map" 60
tm_keys vm g
tm_wait vm "go to address" 10
tm_keys vm -l "$shared"
tm_keys vm Enter
tap_wait vm "^$shared  dirty pte  pfn 0x$pfn_top " "Pages: the same page is now dirty" 30
b=$(bits)
tap_is "${b:6:1}" "D" "Pages: its D bit is set ($b)"
tm_keys vm c
tap_wait vm "^bits [P-][W-][U-][T-][C-]-D" "Pages: c clears the Accessed bits; D stays" 30
tm_keys vm q

tm_keys vm -l "exit"
tm_keys vm Enter
i=0
while tm has-session -t vm 2>/dev/null && [ $i -lt 120 ]; do sleep 1; i=$((i + 1)); done
tm has-session -t vm 2>/dev/null && tap_fail "the VM powers off when the shell exits" ||
	tap_ok "the VM powers off when the shell exits"
tap_done
