// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for policy.c: policy names, KEY=VALUE parameters, cgroup paths,
 * the cgroup2 mount from mountinfo, memory.stat, POLICY_GET messages built
 * with libmnl the way module/netlink.c builds them, and what `policy show`
 * and top's Policy view make of a policy (parameters, memory.stat now).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "mmscope.h"
#include "policy.h"

static void test_kinds(void **state)
{
	static const char *const names[] = MMSCOPE_POLICY_NAMES;
	unsigned int i;

	(void)state;
	for (i = 0; i <= MMSCOPE_POLICY_KIND_MAX; i++) {
		assert_int_equal(mms_policy_kind(names[i]), (int)i);
		assert_string_equal(mms_policy_kind_name(i), names[i]);
	}
	assert_int_equal(mms_policy_kind("lru"), MMSCOPE_POLICY_LRU);
	assert_int_equal(mms_policy_kind("LRU"), -1);
	assert_int_equal(mms_policy_kind(""), -1);
	assert_int_equal(mms_policy_kind("optimal"), -1);
	assert_string_equal(mms_policy_kind_name(MMSCOPE_POLICY_KIND_MAX + 1), "?");
}

static void param_ok(const char *kv, struct mms_policy_req *r)
{
	char err[160] = "";

	assert_int_equal(mms_policy_param(kv, r, err, sizeof(err)), 0);
	assert_string_equal(err, "");
}

static void param_err(const char *kv, const char *msg_part)
{
	struct mms_policy_req r = { 0 };
	char err[160] = "";

	assert_int_equal(mms_policy_param(kv, &r, err, sizeof(err)), -1);
	assert_non_null(strstr(err, msg_part));
	assert_int_equal(r.given, 0);
}

static void test_params(void **state)
{
	struct mms_policy_req r = { 0 };

	(void)state;
	param_ok("interval=250", &r);
	assert_int_equal(r.interval_ms, 250);
	param_ok("interval=10ms", &r);
	assert_int_equal(r.interval_ms, 10);
	param_ok("interval=10", &r);
	assert_int_equal(r.interval_ms, 10);
	param_ok("seed=0xdeadbeef", &r);
	assert_true(r.seed == 0xdeadbeefULL);
	param_ok("seed=18446744073709551615", &r);
	assert_true(r.seed == UINT64_MAX);
	param_ok("keep=60%", &r);
	assert_int_equal(r.keep_pct, 60);
	param_ok("evict=100", &r);
	assert_int_equal(r.evict_pct, 100);
	param_ok("max_protect=65536", &r);
	assert_int_equal(r.max_protect, 65536);
	assert_int_equal(r.given, MMS_PP_INTERVAL | MMS_PP_SEED | MMS_PP_KEEP | MMS_PP_EVICT |
			 MMS_PP_MAX_PROTECT);
}

static void test_params_bad(void **state)
{
	(void)state;
	param_err("interval", "KEY=VALUE");
	param_err("=5", "KEY=VALUE");
	param_err("speed=5", "unknown parameter 'speed'");
	param_err("intervals=5", "unknown parameter");
	param_err("interval=", "not a number");
	param_err("interval=abc", "not a number");
	param_err("interval=-1", "not a number");
	param_err("interval=60001", "out of range");
	param_err("interval=9", "out of range");
	param_err("interval=0", "out of range");
	param_err("keep=0", "out of range");
	param_err("keep=96", "out of range");
	param_err("keep=50ms", "not a number");
	param_err("evict=101", "out of range");
	param_err("evict=0", "out of range");
	param_err("max_protect=0", "out of range");
	param_err("max_protect=65537", "out of range");
	param_err("seed=18446744073709551616", "not a number");
	param_err("seed=123456789012345678901234567890123", "too long");
}

static void test_mount(void **state)
{
	static const char mi[] =
		"22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
		"25 1 0:23 / /sys rw shared:7 - sysfs sysfs rw\n"
		"30 25 0:26 / /sys/fs/cgroup rw,nosuid shared:9 - cgroup2 cgroup2 rw,nsdelegate\n";
	static const char v1[] =
		"30 25 0:26 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n";
	char mnt[64];

	(void)state;
	mms_cgroup2_mount_parse(mi, mnt, sizeof(mnt));
	assert_string_equal(mnt, "/sys/fs/cgroup");
	mms_cgroup2_mount_parse(v1, mnt, sizeof(mnt));
	assert_string_equal(mnt, "");
	mms_cgroup2_mount_parse("", mnt, sizeof(mnt));
	assert_string_equal(mnt, "");
}

static void path_ok(const char *mnt, const char *arg, const char *want)
{
	char out[64];

	assert_int_equal(mms_cgroup_path(mnt, arg, out, sizeof(out)), 0);
	assert_string_equal(out, want);
}

static void test_cgroup_path(void **state)
{
	char out[8];

	(void)state;
	path_ok("/sys/fs/cgroup", "/sys/fs/cgroup/test", "/test");
	path_ok("/sys/fs/cgroup", "/sys/fs/cgroup/a/b/", "/a/b");
	path_ok("/sys/fs/cgroup", "/sys/fs/cgroup", "/");
	path_ok("/sys/fs/cgroup", "/test", "/test");
	path_ok("/sys/fs/cgroup", "test", "/test");
	path_ok("/sys/fs/cgroup", "a/b", "/a/b");
	/* A sibling whose name starts like the mount is not under it. */
	path_ok("/sys/fs/cgroup", "/sys/fs/cgroupx", "/sys/fs/cgroupx");
	path_ok("", "/test", "/test");
	path_ok("/", "/test", "/test");
	assert_int_equal(mms_cgroup_path("/sys/fs/cgroup", "", out, sizeof(out)), -1);
	assert_int_equal(mms_cgroup_path("", "/abcdefgh", out, sizeof(out)), -1);
}

static void test_memstat(void **state)
{
	static const char text[] =
		"anon 1234\nfile 0\nworkingset_refault_anon 77\nworkingset_refault_file 5\n"
		"pgfault 999\npgmajfault 81\n";
	struct mms_memstat m;

	(void)state;
	mms_memstat_parse(text, &m);
	assert_true(m.ok);
	assert_true(m.refault_anon == 77);
	assert_true(m.refault_file == 5);
	assert_true(m.pgmajfault == 81);
	mms_memstat_parse("anon 5\nfile 6\n", &m);
	assert_false(m.ok);
	assert_true(m.pgmajfault == 0);
}

static union {
	struct nlmsghdr nlh;
	char buf[16 * 1024];
} msg;

static struct nlmsghdr *policy_msg(const char *cg, uint8_t kind, bool base)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;
	struct nlattr *n;

	memset(&msg, 0, sizeof(msg));
	nlh = mnl_nlmsg_put_header(msg.buf);
	nlh->nlmsg_type = 0x1d;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = MMSCOPE_CMD_POLICY_GET;
	genl->version = MMSCOPE_GENL_VERSION;
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_POLICY);
	mnl_attr_put_strz(nlh, MMSCOPE_POLICY_CGROUP, cg);
	mnl_attr_put_u8(nlh, MMSCOPE_POLICY_KIND, kind);
	mnl_attr_put_u32(nlh, MMSCOPE_POLICY_KEEP_PCT, 75);
	mnl_attr_put_u32(nlh, MMSCOPE_POLICY_TRACKED, 3000);
	mnl_attr_put_u32(nlh, MMSCOPE_POLICY_ENTRY_BYTES, 16);
	mnl_attr_put_u64(nlh, MMSCOPE_POLICY_CGROUP_ID, 4242);
	mnl_attr_put_u64(nlh, MMSCOPE_POLICY_EXAMINED, 100000);
	mnl_attr_put_u64(nlh, MMSCOPE_POLICY_PROTECTED, 60000);
	mnl_attr_put_u64(nlh, MMSCOPE_POLICY_HOOK_NS, 123456789);
	/* An attribute from a newer module is skipped. */
	mnl_attr_put_u64(nlh, MMSCOPE_POLICY_MAX + 1, 1);
	if (base)
		mnl_attr_put_u64(nlh, MMSCOPE_POLICY_BASE_PGMAJFAULT, 17);
	mnl_attr_nest_end(nlh, n);
	return nlh;
}

static void test_policy_msg(void **state)
{
	struct mms_policy_list l = { 0 };

	(void)state;
	assert_int_equal(mms_policy_parse(policy_msg("/test", MMSCOPE_POLICY_MRU, true), &l),
			 MNL_CB_OK);
	assert_int_equal(mms_policy_parse(policy_msg("/other", MMSCOPE_POLICY_FIFO, false), &l),
			 MNL_CB_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].cgroup, "/test");
	assert_int_equal(l.v[0].kind, MMSCOPE_POLICY_MRU);
	assert_int_equal(l.v[0].keep_pct, 75);
	assert_int_equal(l.v[0].tracked, 3000);
	assert_int_equal(l.v[0].entry_bytes, 16);
	assert_true(l.v[0].cgroup_id == 4242);
	assert_true(l.v[0].examined == 100000);
	assert_true(l.v[0].protected_ == 60000);
	assert_true(l.v[0].hook_ns == 123456789);
	assert_true(l.v[0].has_base);
	assert_true(l.v[0].base.pgmajfault == 17);
	assert_string_equal(l.v[1].cgroup, "/other");
	assert_false(l.v[1].has_base);
	mms_policy_list_free(&l);
	assert_int_equal(l.n, 0);
}

static void test_params_text(void **state)
{
	struct mms_policy p = { 0 };
	char buf[128];

	(void)state;
	p.kind = MMSCOPE_POLICY_LRU;
	p.interval_ms = 100;
	p.max_protect = 128;
	p.seed = 9;		/* not lru's: not shown */
	mms_policy_params(&p, buf, sizeof(buf));
	assert_string_equal(buf, "interval=100ms max_protect=128");
	p.kind = MMSCOPE_POLICY_RANDOM;
	p.evict_pct = 25;
	mms_policy_params(&p, buf, sizeof(buf));
	assert_string_equal(buf, "seed=9 evict=25% max_protect=128");
	p.kind = MMSCOPE_POLICY_MRU;
	p.keep_pct = 75;
	mms_policy_params(&p, buf, sizeof(buf));
	assert_string_equal(buf, "keep=75% max_protect=128");
	p.kind = MMSCOPE_POLICY_FIFO;
	mms_policy_params(&p, buf, sizeof(buf));
	assert_string_equal(buf, "");
	/* Cut, never overrun. */
	p.kind = MMSCOPE_POLICY_RANDOM;
	mms_policy_params(&p, buf, 10);
	assert_string_equal(buf, "seed=9 ev");
	assert_true(mms_policy_has_param(MMSCOPE_POLICY_ESC, MMS_PP_MAX_PROTECT));
	assert_false(mms_policy_has_param(MMSCOPE_POLICY_ESC, MMS_PP_SEED));
	assert_false(mms_policy_has_param(MMSCOPE_POLICY_DEFAULT, MMS_PP_MAX_PROTECT));
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* memory.stat of the cgroup the module names, found under a cgroup2 mount. */
static void test_read_stat(void **state)
{
	char mnt[] = "/tmp/mmscope-test-cg2-XXXXXX", dir[128], file[160];
	struct mms_policy p = { 0 };
	struct mms_memstat d;
	struct stat sb;

	(void)state;
	assert_non_null(mkdtemp(mnt));
	snprintf(dir, sizeof(dir), "%s/test", mnt);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(stat(dir, &sb), 0);
	p.cgroup = "/test";
	p.cgroup_id = sb.st_ino;

	/* No memory.stat (yet). */
	mms_policy_read_stat(&p, mnt);
	assert_false(p.now.ok);
	assert_int_equal(p.stat_note, MMS_STAT_UNREADABLE);
	assert_non_null(mms_policy_stat_note(p.stat_note));
	snprintf(file, sizeof(file), "%s/memory.stat", dir);
	put(file, "anon 1\nworkingset_refault_anon 50\nworkingset_refault_file 7\npgmajfault 30\n");
	mms_policy_read_stat(&p, mnt);
	assert_true(p.now.ok);
	assert_int_equal(p.stat_note, MMS_STAT_READ);
	assert_null(mms_policy_stat_note(p.stat_note));
	assert_true(p.now.refault_anon == 50 && p.now.pgmajfault == 30);
	/* Since install: only with a baseline. */
	assert_false(mms_policy_since(&p, &d));
	p.has_base = true;
	p.base.ok = true;
	p.base.refault_anon = 20;
	p.base.refault_file = 7;
	p.base.pgmajfault = 1;
	assert_true(mms_policy_since(&p, &d));
	assert_true(d.refault_anon == 30 && d.refault_file == 0 && d.pgmajfault == 29);
	/* The same path, another directory (another cgroup namespace's view): not read. */
	p.cgroup_id = sb.st_ino + 1;
	mms_policy_read_stat(&p, mnt);
	assert_false(p.now.ok);
	assert_int_equal(p.stat_note, MMS_STAT_OTHER_NS);
	assert_false(mms_policy_since(&p, &d));
	/* No cgroup2 mount. */
	mms_policy_read_stat(&p, "");
	assert_int_equal(p.stat_note, MMS_STAT_NO_MOUNT);
	assert_int_equal(system("rm -rf /tmp/mmscope-test-cg2-*"), 0);
}

int main(void)
{
	const struct CMUnitTest policy[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_params_bad),
		cmocka_unit_test(test_mount),
		cmocka_unit_test(test_cgroup_path),
		cmocka_unit_test(test_memstat),
		cmocka_unit_test(test_policy_msg),
		cmocka_unit_test(test_params_text),
		cmocka_unit_test(test_read_stat),
	};

	return cmocka_run_group_tests(policy, NULL, NULL);
}
