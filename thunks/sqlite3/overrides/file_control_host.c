/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host half of sqlite3_file_control's guest override (file_control.c). */
void dlcall_sqlite3_file_control(void *args, void *ret)
{
    const struct { sqlite3 *db; const char *name; int op; void *arg; } *a = args;

    *(int *)ret = sqlite3_file_control(a->db, a->name, a->op, a->arg);
}
