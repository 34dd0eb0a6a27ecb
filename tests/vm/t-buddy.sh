# mmscope buddy (netlink) and the debugfs buddy file against /proc/buddyinfo,
# /proc/pagetypeinfo, /proc/zoneinfo and debugfs extfrag/, row by row
# (node, zone, every order).  Free lists move on a live system, so each
# comparison is taken in a quiet moment: mmscope is read twice around the
# kernel's file, and only when both reads agree must they equal the file.
. ./lib.sh

DBG=/sys/kernel/debug/mmscope/buddy

# quiet_is DESC MINE TRUTH: MINE and TRUTH are shell commands printing rows.
quiet_is() {
	local desc=$1 mine=$2 truth=$3 a b t i=0
	while [ $i -lt 20 ]; do
		a=$(eval "$mine")
		t=$(eval "$truth")
		b=$(eval "$mine")
		if [ "$a" = "$b" ]; then
			[ $i -gt 0 ] && diag "$desc: quiet after $i retries"
			is "$a" "$t" "$desc"
			return
		fi
		i=$((i + 1))
	done
	fail "$desc" "the system was never quiet for 20 attempts"
}

# Rows "NODE ZONE c0 c1 ..." from the kernel's files and from mmscope.
buddyinfo() { awk '{ sub(",", "", $2); printf "%s %s", $2, $4; for (i = 5; i <= NF; i++) printf " %s", $i; print "" }' /proc/buddyinfo; }
dbg_free() { awk '$5 == "free" { printf "%s %s", $2, $4; for (i = 6; i <= NF; i++) printf " %s", $i; print "" }' $DBG; }
nl_free() { mmscope buddy --json | jq -r '.zones[] | "\(.node) \(.zone) \(.free_blocks | map(tostring) | join(" "))"'; }
pagetypeinfo() { awk '/^Node/ && / type / { gsub(",", ""); printf "%s %s %s", $2, $4, $6; for (i = 7; i <= NF; i++) printf " %s", $i; print "" }' /proc/pagetypeinfo; }
dbg_types() { awk '$5 == "type" { printf "%s %s %s", $2, $4, $6; for (i = 7; i <= NF; i++) printf " %s", $i; print "" }' $DBG; }
nl_types() { mmscope buddy --json | jq -r '.zones[] | . as $z | .free_blocks_by_type | to_entries[] | "\($z.node) \($z.zone) \(.key) \(.value | map(tostring) | join(" "))"'; }
# Indices as integer thousandths ("0.016" -> 16), the kernel's own unit.
milli() { awk '{ printf "%s %s", $1, $2; for (i = 3; i <= NF; i++) printf " %d", $i * 1000 + ($i < 0 ? -0.5 : 0.5); print "" }'; }
extfrag() { awk '{ sub(",", "", $2); printf "%s %s", $2, $4; for (i = 5; i <= NF; i++) printf " %s", $i; print "" }' /sys/kernel/debug/extfrag/$1 | milli; }
dbg_index() { awk -v k=$1 '$5 == k { printf "%s %s", $2, $4; for (i = 6; i <= NF; i++) printf " %s", $i; print "" }' $DBG | milli; }
nl_index() { mmscope buddy --json | jq -r --arg k $1 '.zones[] | "\(.node) \(.zone) \(.[$k] | map(tostring) | join(" "))"' | milli; }

rc_is 0 "buddy --json exits 0" mmscope buddy --json
echo "$OUT" | jq -e '.zones | length > 0' >/dev/null && pass "buddy --json lists zones" || fail "buddy --json lists zones" "$OUT"
is "$(stat -c %a $DBG)" "400" "debugfs buddy file is mode 0400"

# Same zones, in the same order, as the kernel lists its populated zones.
is "$(nl_free | cut -d' ' -f1-2)" "$(buddyinfo | cut -d' ' -f1-2)" "netlink zones (node, name, order) equal /proc/buddyinfo's"
is "$(dbg_free | cut -d' ' -f1-2)" "$(buddyinfo | cut -d' ' -f1-2)" "debugfs zones equal /proc/buddyinfo's"
norders=$(head -n 1 /proc/buddyinfo | awk '{ print NF - 4 }')
is "$(mmscope buddy --json | jq -r '[.zones[].nr_orders] | unique | join(",")')" "$norders" "nr_orders equals /proc/buddyinfo's column count"

quiet_is "netlink free blocks per order equal /proc/buddyinfo" nl_free buddyinfo
quiet_is "debugfs free blocks per order equal /proc/buddyinfo" dbg_free buddyinfo
quiet_is "netlink free blocks per order and type equal /proc/pagetypeinfo" nl_types pagetypeinfo
quiet_is "debugfs free blocks per order and type equal /proc/pagetypeinfo" dbg_types pagetypeinfo

if [ -r /sys/kernel/debug/extfrag/unusable_index ]; then
	quiet_is "netlink unusable-free-space index equals extfrag/unusable_index" "nl_index unusable_free_index" "extfrag unusable_index"
	quiet_is "debugfs unusable index equals extfrag/unusable_index" "dbg_index unusable" "extfrag unusable_index"
	quiet_is "netlink fragmentation index equals extfrag/extfrag_index" "nl_index fragmentation_index" "extfrag extfrag_index"
	quiet_is "debugfs fragmentation index equals extfrag/extfrag_index" "dbg_index fragmentation" "extfrag extfrag_index"
else
	skip "indices equal debugfs extfrag/" "no /sys/kernel/debug/extfrag (CONFIG_COMPACTION off?)"
fi

# Zone sizes and watermarks against /proc/zoneinfo.
zoneinfo() {
	awk -v f="$1" '
	/^Node/ { sub(",", "", $2); node = $2; zone = $4; inz = 1; next }
	inz && $1 == "pages" && $2 == "free" { next }
	inz && $1 == f { print node, zone, $2; next }
	inz && $1 == "protection:" { inz = 0 }' /proc/zoneinfo | while read -r n z v; do
		# zoneinfo lists unpopulated zones too; keep those buddyinfo shows.
		buddyinfo | grep -q "^$n $z " && echo "$n $z $v"
	done
}
nl_field() { mmscope buddy --json | jq -r --arg k $1 '.zones[] | "\(.node) \(.zone) \(.[$k])"'; }
is "$(nl_field managed_pages)" "$(zoneinfo managed)" "managed pages equal /proc/zoneinfo"
is "$(nl_field present_pages)" "$(zoneinfo present)" "present pages equal /proc/zoneinfo"
is "$(nl_field spanned_pages)" "$(zoneinfo spanned)" "spanned pages equal /proc/zoneinfo"
is "$(nl_field watermark_min)" "$(zoneinfo min)" "min watermark equals /proc/zoneinfo"
is "$(nl_field watermark_low)" "$(zoneinfo low)" "low watermark equals /proc/zoneinfo"
is "$(nl_field watermark_high)" "$(zoneinfo high)" "high watermark equals /proc/zoneinfo"

# Free pages: the sum over orders of blocks << order is NR_FREE_PAGES.
sums=$(mmscope buddy --json | jq -r '.zones[] | "\(.zone) \(.free_pages) \([.free_blocks | to_entries[] | .value * pow(2; .key)] | add)"')
bad=$(echo "$sums" | awk '{ d = $2 - $3; if (d < 0) d = -d; if (d > 1024) print }')
is "$bad" "" "free_pages is the sum of free blocks x block size (within 1024 pages of drift)"

T=$(mmscope buddy)
z=$(buddyinfo | tail -n 1 | cut -d' ' -f2)
contains "$T" "node 0, zone $z" "text output names each zone"
contains "$T" "FRAGMENTATION" "text output has the per-order table"
rc_is 2 "buddy: extra operand exits 2" mmscope buddy surplus
rc_is 0 "buddy --help exits 0" mmscope buddy --help
contains "$OUT" "Usage: mmscope buddy" "buddy --help shows usage"
rc_is 4 "ordinary user: buddy refused with exit 4" as_user mmscope buddy
exit 0
