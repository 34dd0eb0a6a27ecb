# Only CAP_SYS_ADMIN may use mmscope: unprivileged users and root without the
# capability are refused by genetlink (GENL_ADMIN_PERM) and by debugfs modes.
. ./lib.sh

rc_is 4 "ordinary user: info refused with exit 4" as_user mmscope info
contains "$OUT" "permission denied" "ordinary user: message says permission denied"
rc_is 4 "ordinary user: info --json refused with exit 4" as_user mmscope info --json
rc_is 1 "ordinary user: cannot read the debugfs version file" as_user cat /sys/kernel/debug/mmscope/version

# Root without CAP_SYS_ADMIN (tests/vm/src/nocap.c drops it from every set).
nocap=nocap
capeff=$($nocap sh -c 'grep CapEff /proc/self/status' | awk '{ print $2 }')
# CAP_SYS_ADMIN is bit 21.
if [ -n "$capeff" ] && [ $(( 0x$capeff >> 21 & 1 )) = 0 ]; then
	pass "nocap drops CAP_SYS_ADMIN (CapEff $capeff)"
else
	fail "nocap drops CAP_SYS_ADMIN" "CapEff '$capeff'"
fi
rc_is 4 "root without CAP_SYS_ADMIN: info refused with exit 4" $nocap mmscope info
rc_is 0 "root with CAP_SYS_ADMIN: info works" mmscope info
exit 0
