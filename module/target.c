// SPDX-License-Identifier: GPL-2.0
/*
 * From a PID (in the caller's PID namespace) to the address space it uses.
 */
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/string.h>

#include "compat.h"
#include "internal.h"

/**
 * mmscope_get_mm() - take a reference on the mm of a process
 * @nr:   process or thread ID, as the caller sees it
 * @comm: if not NULL, receives the task's command name (TASK_COMM_LEN bytes)
 * @why:  receives a message for the user on failure
 *
 * Return: the mm (release it with mmput()), or an ERR_PTR: -ESRCH for an
 * unknown PID, -EINVAL for a kernel thread, -ENOENT for a process that has
 * exited (a zombie: its mm is gone).
 */
struct mm_struct *mmscope_get_mm(pid_t nr, char *comm, const char **why)
{
	struct mm_struct *mm;
	struct pid *pid;

	if (nr <= 0) {
		*why = "PID must be positive";
		return ERR_PTR(-EINVAL);
	}
	pid = find_get_pid(nr);
	if (!pid) {
		*why = "no such process";
		return ERR_PTR(-ESRCH);
	}
	mm = mmscope_get_pid_mm(pid, comm, why);
	put_pid(pid);
	return mm;
}

/**
 * mmscope_get_pid_mm() - mmscope_get_mm() for a struct pid the caller holds
 * @pid:  the process
 * @comm: as for mmscope_get_mm()
 * @why:  as for mmscope_get_mm()
 *
 * Return: as mmscope_get_mm().
 */
struct mm_struct *mmscope_get_pid_mm(struct pid *pid, char *comm, const char **why)
{
	struct task_struct *task;
	struct mm_struct *mm;

	task = get_pid_task(pid, PIDTYPE_PID);
	if (!task) {
		*why = "no such process";
		return ERR_PTR(-ESRCH);
	}
	if (task->flags & PF_KTHREAD) {
		put_task_struct(task);
		*why = "kernel thread: it has no user address space";
		return ERR_PTR(-EINVAL);
	}
	if (comm)
		mmscope_get_task_comm(comm, task);
	mm = get_task_mm(task);
	put_task_struct(task);
	if (!mm) {
		*why = "process has exited: its address space is gone";
		return ERR_PTR(-ENOENT);
	}
	return mm;
}
