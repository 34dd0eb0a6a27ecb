# Loading and unloading: a clean cycle, 100 in a row, and the tool's message
# when the module is absent.
. ./lib.sh

KO=/mmscope/mmscope.ko
before=$(awk '/^Slab:/ { print $2 }' /proc/meminfo)

rc_is 0 "rmmod mmscope" rmmod mmscope
[ -d /sys/kernel/debug/mmscope ] && fail "debugfs directory removed on unload" || pass "debugfs directory removed on unload"
rc_is 3 "module absent: info exits 3" mmscope info
contains "$OUT" "not loaded; load it with: sudo insmod module/mmscope.ko" "module absent: message says how to load it"

bad=0
i=0
while [ $i -lt 100 ]; do
	insmod $KO || { bad=$((bad + 1)); break; }
	mmscope info >/dev/null || bad=$((bad + 1))
	rmmod mmscope || { bad=$((bad + 1)); break; }
	i=$((i + 1))
done
is "$bad/$i" "0/100" "100 insmod/info/rmmod cycles"

rc_is 0 "insmod again" insmod $KO
rc_is 0 "info after reload" mmscope info
after=$(awk '/^Slab:/ { print $2 }' /proc/meminfo)
diag "Slab before $before kB, after $after kB"
exit 0
