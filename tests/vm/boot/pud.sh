# PUD leaves: one 1 GiB hugetlb page, against pagemap and smaps.  Needs a
# boot with "hugepagesz=1G hugepages=1" (scripts/check gives it its own).
. ./lib.sh

if [ "$(cat /sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages 2>/dev/null)" != 1 ]; then
	fail "a 1 GiB huge page is reserved (boot with hugepagesz=1G hugepages=1)"
	exit 0
fi
rm -f /tmp/pud
pud_workload /tmp/pud &
P=$!
i=0
while [ ! -s /tmp/pud ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -s /tmp/pud ] || { fail "workload mapped its 1 GiB page"; exit 0; }
set -- $(cat /tmp/pud)
S=$1
E=$2

J=$(mmscope ptes --json --range 0x$S-0x$E $P)
is "$(echo "$J" | jq length)" 1 "a 1 GiB leaf is reported once"
is "$(echo "$J" | jq -r '.[0] | "\(.level) \(.size) \(.huge) \(.va)"')" "pud 1073741824 true 0x$S" \
	"the entry is a PUD leaf of 1 GiB at the mapping's start"
pfn=$(pagemap_check --pfn $P $S)
is "$(echo "$J" | jq '.[0].pfn')" "$pfn" "its PFN equals pagemap's for the first page"
last=$(printf '%x' $((0x$E - 4096)))
is "$(pagemap_check --pfn $P $last)" "$((pfn + 262143))" \
	"pagemap: the last base page is the leaf's PFN + 262143 (one contiguous frame)"
is "$(echo "$J" | jq -r '.[0] | "\(.present) \(.user) \(.rw) \(.dirty) \(.mapcount)"')" \
	"true true true true 1" "the leaf is present, user, writable, dirty, mapped once"
is "$(mmscope ptes --count --huge --range 0x$S-0x$E $P)" 1 "--huge keeps it"

va=$(printf '%x' $((0x$S + 0x12345678)))
X=$(mmscope xlate --json $P 0x$va)
is "$(echo "$X" | jq -r '"\(.stop) \(.page_size)"')" "ok 1073741824" \
	"xlate inside it stops at the PUD leaf with a 1 GiB page size"
is "$(( $(echo "$X" | jq -r .pa) ))" "$((pfn * 4096 + 0x12345678))" \
	"xlate's physical address is the leaf's frame plus the 30-bit offset"
is "$(echo "$X" | jq -r '.steps[-1].level')" pud "xlate's last step is the PUD entry"

V=$(mmscope vmas --json $P | jq ".[] | select(.start == \"0x$S\")")
is "$(echo "$V" | jq .huge_pud)" 1 "vmas: the VMA counts one PUD leaf"
rss=$(awk -v s="$S" '$1 ~ "^"s"-" { f = 1 } f && /^Private_Hugetlb:/ { print $2; exit }' /proc/$P/smaps)
is "$(echo "$V" | jq '.present * 4')" "$rss" "vmas: present pages equal smaps' Private_Hugetlb"
kill $P
wait $P 2>/dev/null
exit 0
