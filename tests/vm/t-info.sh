# mmscope info and the debugfs version file against the kernel's own facts.
. ./lib.sh

J=$(mmscope info --json)
rc_is 0 "info --json exits 0" mmscope info --json
echo "$J" | jq -e . >/dev/null 2>&1 && pass "info --json is valid JSON" || fail "info --json is valid JSON" "$J"

modver=$(cat /sys/module/mmscope/version)
is "$(jq -r .module_version <<EOT
$J
EOT
)" "$modver" "module_version equals /sys/module/mmscope/version"
is "$(cat /sys/kernel/debug/mmscope/version)" "$modver" "debugfs version equals /sys/module/mmscope/version"
is "$(stat -c %a /sys/kernel/debug/mmscope/version)" "400" "debugfs version file is mode 0400"

jget() { echo "$J" | jq -r "$1"; }
is "$(jget .kernel_release)" "$(uname -r)" "kernel_release equals uname -r"
is "$(jget .tool_version)" "$modver" "tool and module come from the same release"

if grep -qw la57 /proc/cpuinfo; then levels=5; else levels=4; fi
is "$(jget .page_table_levels)" "$levels" "page_table_levels matches the CPU's LA57 ($levels levels)"

kps=$(awk '/^KernelPageSize:/ { print $2 * 1024; exit }' /proc/self/smaps)
is "$(jget .page_size)" "$kps" "page_size equals smaps KernelPageSize"

# Each feature's availability against what the running kernel exposes.
feature() { jget ".features[] | select(.name == \"$1\") | .available"; }
truth() { if eval "$2"; then echo true; else echo false; fi; }
is "$(feature debugfs)" "$(truth debugfs '[ -d /sys/kernel/debug/mmscope ]')" "feature debugfs matches /sys/kernel/debug/mmscope"
is "$(feature thp)" "$(truth thp '[ -d /sys/kernel/mm/transparent_hugepage ]')" "feature thp matches /sys/kernel/mm/transparent_hugepage"
is "$(feature mglru)" "$(truth mglru '[ -e /sys/kernel/mm/lru_gen/enabled ]')" "feature mglru matches /sys/kernel/mm/lru_gen"
is "$(feature swap)" "$(truth swap '[ -e /proc/swaps ]')" "feature swap matches /proc/swaps"
is "$(feature memcg)" "$(truth memcg 'grep -qw memory /sys/fs/cgroup/cgroup.controllers')" "feature memcg matches cgroup.controllers"
is "$(feature kprobes)" "$(truth kprobes '[ -d /sys/kernel/debug/kprobes ]')" "feature kprobes matches /sys/kernel/debug/kprobes"
is "$(feature fault-tracepoints)" "$(truth tp '[ -d /sys/kernel/tracing/events/exceptions/page_fault_user ] || [ -d /sys/kernel/debug/tracing/events/exceptions/page_fault_user ]')" \
	"feature fault-tracepoints matches tracefs's exceptions/page_fault_user"
nores=$(jget '[.features[] | select(.available == false and (.reason == null))] | length')
is "$nores" "0" "every unavailable feature carries a reason"

T=$(mmscope info)
contains "$T" "kernel release:     $(uname -r)" "text output shows the kernel release"
contains "$T" "page-table levels:  $levels" "text output shows the page-table levels"
contains "$(mmscope --version)" "$modver" "--version shows the release"

rc_is 2 "unknown command exits 2" mmscope no-such-command
rc_is 2 "extra operand exits 2" mmscope info surplus
rc_is 2 "unknown option exits 2" mmscope info --no-such-option
rc_is 0 "info --help exits 0" mmscope info --help
contains "$OUT" "Usage: mmscope info" "info --help shows usage"
rc_is 0 "help info exits 0" mmscope help info
exit 0
