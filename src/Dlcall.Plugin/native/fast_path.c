/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fast path's translation-time half and its per-vCPU table
 * (docs/Protocol.md, "The fast path").
 *
 * At translation QEMU hands every new TB to fast_tb_trans(), which looks
 * for the guest ISA's magic instruction and attaches the execution
 * callback to it. That runs for every instruction QEMU translates, so it
 * is C. Only while some guest thread has registered a block, though: a
 * translation callback makes QEMU instrument every block it translates
 * (1,757 calls on /bin/true; without it the plugin's CPU over bare QEMU
 * went from +6.7 to +4.5 ms), and most guest programs (a shell, /bin/true, any program that
 * loads no stub) never make a fast call. See "The translation callback"
 * below. The callback that serves the call is C too, fast_exec_native():
 * entering .NET costs ~7 ns, as much as the rest of a fast call
 * (FastPathHost.cs keeps a managed twin, selected to measure that cost).
 *
 * The table maps a vCPU index to the block its guest thread registered
 * (REGISTER_FAST_BLOCK). This file is its only owner: it allocates, writes
 * and reads it; C# registers through dlcall_fast_register. Only the vCPU's
 * own thread writes its slot (registration runs in the syscall filter, on
 * that thread; the vCPU exit hook too), so the slots need no lock, and the
 * hot path only loads one.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <dlcall/protocol.h>

#include "call.h"
#include "guest_mem.h"
#include "slow_path.h"

/* vCPU indexes are reused as guest threads come and go: 64K live threads. */
#define FAST_MAX_VCPUS 65536

/* The guest's block: four 64-bit words (struct dlcall_fast_block). */
struct fast_block {
    uint64_t fn;
    uint64_t a;
    uint64_t b;
    int64_t status;
};

/* The QEMU plugin API functions the C# side looked up in QEMU. */
struct dlcall_fast_api {
    void (*register_tb_trans)(uint64_t id, void *cb);
    size_t (*tb_n_insns)(const void *tb);
    void *(*tb_get_insn)(const void *tb, size_t idx);
    size_t (*insn_data)(const void *insn, void *dest, size_t len);
    size_t (*insn_size)(const void *insn);
    void (*register_insn_exec_cb)(void *insn, void *cb, int flags,
                                  void *userdata);
    void (*register_vcpu_exit)(uint64_t id, void *cb); /* may be NULL */
    uint64_t (*insn_vaddr)(const void *insn);          /* may be NULL */
    void *(*insn_haddr)(const void *insn);             /* may be NULL */
};

/* enum qemu_plugin_cb_flags: the callback reads no guest register. */
#define QEMU_PLUGIN_CB_NO_REGS 0

static struct fast_block *fast_table[FAST_MAX_VCPUS];
static struct dlcall_fast_api api;
static uint8_t magic[8];
static size_t magic_len;
static void *exec_cb;
static uint64_t plugin_id;

/* The entry points of the C# side (NativeGlue.cs). */
bool dlcall_fast_configure(uint64_t id, const char *target,
                           const struct dlcall_fast_api *fns, void *cb);
int64_t dlcall_fast_register(unsigned int vcpu_index, uint64_t block);
struct fast_block *dlcall_fast_block(unsigned int vcpu_index);
unsigned int dlcall_fast_max_vcpus(void);

/*
 * The execution callback, run by QEMU before the magic instruction on the
 * vCPU's own thread: the hot path, so no lock and no allocation. A block
 * not marked pending is left alone: one already served, or another
 * translation unit's, must not be called twice. FastPathHost.Exec is the
 * same in C#.
 */
static void fast_exec_native(unsigned int vcpu_index, void *userdata)
{
    struct fast_block *blk;

    (void)userdata;
    if (vcpu_index >= FAST_MAX_VCPUS) {
        return;
    }
    blk = __atomic_load_n(&fast_table[vcpu_index], __ATOMIC_RELAXED);
    if (blk == NULL || blk->status != DLCALL_FAST_PENDING) {
        return;
    }
    if (blk->fn == 0) {
        blk->status = -DLCALL_EFAULT;
        return;
    }
    if (__builtin_expect(__atomic_load_n(&dlcall_slow, __ATOMIC_RELAXED) != 0, 0)) {
        blk->status = dlcall_fast_call_slow(vcpu_index, blk->fn, blk->a, blk->b);
        return;
    }
    dlcall_invoke_host_fn(blk->fn, blk->a, blk->b);
    blk->status = DLCALL_OK;
}

/*
 * The translation callback.
 *
 * It is registered at install, for the first block: that one shows
 * guest_base (check_guest_base), which the refusal of a non-zero one and
 * exec following need before the guest's first syscall. Then, as no guest
 * code has run yet, no thread can have registered a block: the callback
 * unregisters itself (QEMU's register function with a NULL callback drops
 * the plugin's callback for that event, and QEMU instruments no block
 * while none is left). The first REGISTER_FAST_BLOCK registers it again,
 * for good.
 *
 * That misses no magic instruction: a guest thread runs one only once its
 * own REGISTER_FAST_BLOCK has succeeded (dlcall/fast.h), and QEMU applies
 * a callback's registration to every vCPU before that vCPU translates
 * another block (the update is queued on each vCPU and kicks it out of its
 * execution loop; the registering vCPU processes it on its way back from
 * the syscall). A block with the instruction translated earlier was never
 * run, so never translated, before that. Were one missed anyway, the guest
 * finds its call still pending and takes the syscall path: slower, never
 * wrong.
 */
enum tb_trans_state {
    TB_TRANS_FIRST,    /* registered at install, for guest_base */
    TB_TRANS_OFF,      /* unregistered after the first block */
    TB_TRANS_WANTED,   /* registered again for a fast block, kept */
};

static pthread_mutex_t tb_trans_lock = PTHREAD_MUTEX_INITIALIZER;
static int tb_trans_state;

static void fast_tb_trans(uint64_t id, void *tb);

/* After the first block: no translation callback until a block is registered. */
static void tb_trans_pause(void)
{
    pthread_mutex_lock(&tb_trans_lock);
    if (tb_trans_state == TB_TRANS_FIRST) {
        /* Safe from inside the callback: QEMU walks its callbacks with a
         * saved next pointer, and frees only this one. */
        api.register_tb_trans(plugin_id, NULL);
        __atomic_store_n(&tb_trans_state, TB_TRANS_OFF, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&tb_trans_lock);
}

/* A block is being registered: the callback from now on, for every vCPU. */
static void tb_trans_want(void)
{
    if (__atomic_load_n(&tb_trans_state, __ATOMIC_ACQUIRE) == TB_TRANS_WANTED) {
        return;
    }
    pthread_mutex_lock(&tb_trans_lock);
    if (tb_trans_state == TB_TRANS_OFF) {
        api.register_tb_trans(plugin_id, (void *)fast_tb_trans);
    }
    __atomic_store_n(&tb_trans_state, TB_TRANS_WANTED, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&tb_trans_lock);
}

/*
 * guest_base is fixed before the first TB is translated, and an
 * instruction's host address minus its guest address is guest_base. The
 * guest cannot run, let alone call the plugin, before this. Without
 * insn_vaddr/insn_haddr guest_base stays unknown, and the callback stays
 * registered as before.
 */
static void check_guest_base(void *tb)
{
    static bool checked;
    void *insn;

    if (checked || api.insn_vaddr == NULL || api.insn_haddr == NULL ||
        api.tb_n_insns(tb) == 0) {
        return;
    }
    insn = api.tb_get_insn(tb, 0);
    if (api.insn_haddr(insn) == NULL) {
        return;
    }
    checked = true;
    dlcall_note_guest_base((uint64_t)(uintptr_t)api.insn_haddr(insn) -
                           api.insn_vaddr(insn));
    tb_trans_pause();
}

static void fast_tb_trans(uint64_t id, void *tb)
{
    size_t n = api.tb_n_insns(tb);
    uint8_t buf[sizeof(magic)];

    (void)id;
    for (size_t i = 0; i < n; i++) {
        void *insn = api.tb_get_insn(tb, i);

        if (api.insn_size(insn) != magic_len ||
            api.insn_data(insn, buf, magic_len) != magic_len ||
            memcmp(buf, magic, magic_len) != 0) {
            continue;
        }
        api.register_insn_exec_cb(insn, exec_cb, QEMU_PLUGIN_CB_NO_REGS, NULL);
    }
    check_guest_base(tb);
}

/* A thread that exits frees its vCPU index, and its block with its TLS. */
static void fast_vcpu_exit(uint64_t id, unsigned int vcpu_index)
{
    (void)id;
    if (vcpu_index < FAST_MAX_VCPUS) {
        __atomic_store_n(&fast_table[vcpu_index], NULL, __ATOMIC_RELAXED);
    }
}

static void set_magic(uint64_t value, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        magic[i] = (uint8_t)(value >> (8 * i));
    }
    magic_len = len;
}

/*
 * Turns the fast path on for guest @target ("aarch64", ...) with execution
 * callback @cb (NULL: the native one). False for another guest ISA.
 */
bool dlcall_fast_configure(uint64_t id, const char *target,
                           const struct dlcall_fast_api *fns, void *cb)
{
    if (strcmp(target, "aarch64") == 0) {
        set_magic(DLCALL_FAST_MAGIC_AARCH64, 4);
    } else if (strcmp(target, "riscv64") == 0) {
        set_magic(DLCALL_FAST_MAGIC_RISCV64, 4);
    } else if (strcmp(target, "x86_64") == 0) {
        set_magic(DLCALL_FAST_MAGIC_X86_64, 8);
    } else {
        return false;
    }
    api = *fns;
    exec_cb = cb != NULL ? cb : (void *)fast_exec_native;
    plugin_id = id;
    api.register_tb_trans(id, (void *)fast_tb_trans);
    if (api.register_vcpu_exit != NULL) {
        api.register_vcpu_exit(id, (void *)fast_vcpu_exit);
    }
    return true;
}

/*
 * REGISTER_FAST_BLOCK, once the fast path is on (FastPathHost.Register
 * answers -EINVAL before), on vCPU @vcpu_index's own thread: only that thread
 * writes its slot, so no lock. 0 drops the block. The block must be
 * aligned, readable and writable now: the execution callback uses it
 * without checks. Returns the sysret.
 */
int64_t dlcall_fast_register(unsigned int vcpu_index, uint64_t block)
{
    if ((block & 7) != 0 ||
        (block != 0 && !dlcall_guest_rw(block, sizeof(struct fast_block)))) {
        return -DLCALL_EFAULT;
    }
    if (vcpu_index >= FAST_MAX_VCPUS) {
        return -DLCALL_ENOSPC;
    }
    if (block != 0) {
        tb_trans_want();
    }
    __atomic_store_n(&fast_table[vcpu_index],
                     (struct fast_block *)(uintptr_t)block, __ATOMIC_RELAXED);
    return DLCALL_OK;
}

/* The block vCPU @vcpu_index registered, or NULL: for the managed twin of
 * fast_exec_native (FastPathHost.Exec). */
struct fast_block *dlcall_fast_block(unsigned int vcpu_index)
{
    if (vcpu_index >= FAST_MAX_VCPUS) {
        return NULL;
    }
    return __atomic_load_n(&fast_table[vcpu_index], __ATOMIC_RELAXED);
}

/* The vCPU indexes the table has room for: other per-vCPU tables
 * (LibraryErrors.cs) use the same limit. */
unsigned int dlcall_fast_max_vcpus(void)
{
    return FAST_MAX_VCPUS;
}
