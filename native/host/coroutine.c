/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host calls on coroutines, so that host code can "call" guest code.
 *
 * dlcall_rt_call(frame) runs frame->thunk on a coroutine of the calling
 * vCPU thread. When the host library calls a guest callback,
 * dlcall_rt_callback() writes the request into the frame and switches
 * back to the stack dlcall_rt_call (or dlcall_rt_resume) was called on,
 * which returns to the plugin and so to the guest. The guest runs the
 * callback and calls dlcall_rt_resume(frame), which switches into the
 * coroutine again, where dlcall_rt_callback() returns the result.
 *
 * Each thread keeps a LIFO of active coroutines (a callback may call the
 * host again, which starts a new coroutine on top) and a pool of idle ones
 * for reuse. A coroutine never leaves its main loop: when its thunk is
 * done it switches out and waits, suspended, for the next call. The
 * stacks go away with the thread (pthread key destructor).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <dlcall/thunk.h>

#include "internal.h"

#define DEFAULT_STACK_KIB 1024
#define MIN_STACK_KIB 64

struct co {
    void *sp;                   /* saved here while suspended */
    void *caller_sp;            /* the plugin side's, while running */
    struct dlcall_frame *frame; /* the call it runs, NULL when idle */
    struct co *next;            /* next below on the LIFO, or in the pool */
    uint8_t *map;               /* guard page, then the stack */
    size_t map_size;
    int done;                   /* the thunk returned */
    /* The callback it waits for (state CALLBACK), for the plugin's stats. */
    const struct dlcall_cb_target *pending;
};

struct thread_state {
    struct co *active; /* innermost call first */
    struct co *pool;   /* idle coroutines */
};

static __thread struct thread_state *tls_thread
    __attribute__((tls_model("initial-exec")));

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static pthread_key_t thread_key;
static size_t page_size;
static size_t stack_size;

void dlcall_host_fatal(const char *fmt, ...)
{
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    int saved_errno = errno;
    va_list ap;

    fputs("dlcall: ", stderr);
    errno = saved_errno; /* for %m */
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
    /*
     * QEMU catches SIGABRT for the guest, and its handler assumes a vCPU
     * thread; this may be a thread the host library created. The default
     * action kills the process by SIGABRT from any thread.
     */
    sigaction(SIGABRT, &dfl, NULL);
    abort();
}

static int on_stack(const struct co *co, const void *addr)
{
    return (const uint8_t *)addr >= co->map &&
           (const uint8_t *)addr < co->map + co->map_size;
}

static void free_co(struct co *co)
{
    munmap(co->map, co->map_size);
    free(co);
}

static void free_list(struct co *co, const void *here)
{
    while (co != NULL) {
        struct co *next = co->next;

        /* A thread may exit from host code running on a coroutine. */
        if (!on_stack(co, here)) {
            free_co(co);
        }
        co = next;
    }
}

/*
 * pthread key destructor. Coroutines still active belong to host calls
 * the exiting thread can never resume, so their stacks go too.
 */
static void thread_exit(void *arg)
{
    struct thread_state *ts = arg;
    const void *here = __builtin_frame_address(0);

    free_list(ts->active, here);
    free_list(ts->pool, here);
    free(ts);
    tls_thread = NULL;
}

/* DLCALL_HOST_STACK_KIB overrides the stack size of host calls. */
static void init(void)
{
    const char *env = getenv("DLCALL_HOST_STACK_KIB");
    unsigned long kib = env ? strtoul(env, NULL, 0) : DEFAULT_STACK_KIB;

    page_size = (size_t)sysconf(_SC_PAGESIZE);
    if (kib < MIN_STACK_KIB) {
        kib = env ? MIN_STACK_KIB : DEFAULT_STACK_KIB;
    }
    stack_size = (kib * 1024 + page_size - 1) & ~(page_size - 1);
    if (pthread_key_create(&thread_key, thread_exit) != 0) {
        dlcall_host_fatal("pthread_key_create failed");
    }
}

static struct thread_state *thread_state(void)
{
    struct thread_state *ts = tls_thread;

    if (ts != NULL) {
        return ts;
    }
    pthread_once(&init_once, init);
    ts = calloc(1, sizeof(*ts));
    if (ts == NULL) {
        dlcall_host_fatal("out of memory for a thread's host calls");
    }
    tls_thread = ts;
    pthread_setspecific(thread_key, ts);
    return ts;
}

/* Runs the calls given to @co, one after the other; never returns. */
static void co_main(struct co *co)
{
    for (;;) {
        struct dlcall_frame *f = co->frame;
        void (*thunk)(void *, void *) =
            (void (*)(void *, void *))(uintptr_t)f->thunk;

        thunk((void *)(uintptr_t)f->args, (void *)(uintptr_t)f->ret);
        co->done = 1;
        dlcall_switch(&co->sp, co->caller_sp);
    }
}

/*
 * Makes @co's next switch-in "return" into dlcall_co_start, which calls
 * co_main(co): a fresh coroutine, or one whose call a guest longjmp
 * abandoned (its host frames are dropped, as a native longjmp drops the
 * frames it unwinds).
 */
static void co_reset(struct co *co)
{
    struct dlcall_switch_image *img;

    /* 16 bytes of slack keep rsp 16-aligned after the "return". */
    img = (struct dlcall_switch_image *)(co->map + co->map_size - 16) - 1;
    *img = (struct dlcall_switch_image){
        .mxcsr = 0x1f80, /* replaced by the caller's at each call */
        .x87_cw = 0x37f,
        .rbx = (uintptr_t)co,
        .r12 = (uintptr_t)co_main,
        .rip = (uintptr_t)dlcall_co_start,
    };
    co->sp = img;
}

/* A new coroutine. The stack is MAP_NORESERVE: only touched pages cost. */
static struct co *co_new(void)
{
    struct co *co = calloc(1, sizeof(*co));

    if (co == NULL) {
        dlcall_host_fatal("out of memory for a host call");
    }
    co->map_size = stack_size + page_size;
    co->map = mmap(NULL, co->map_size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                   -1, 0);
    if (co->map == MAP_FAILED) {
        dlcall_host_fatal("cannot map a %zu KiB stack for a host call: %m",
                          stack_size / 1024);
    }
    /* Overflow faults on the guard page instead of corrupting memory. */
    if (mprotect(co->map, page_size, PROT_NONE) != 0) {
        dlcall_host_fatal("cannot protect a host call's guard page: %m");
    }
    co_reset(co);
    return co;
}

/*
 * The innermost call on @ts waits for a guest callback that will never
 * return: the guest longjmp'd out of it (pngfix's read callback, a libpng
 * error_fn with its own longjmp). Its coroutine goes back to the pool,
 * reset, with the raise points its thunk left behind.
 */
static void co_abandon_top(struct thread_state *ts)
{
    struct co *co = ts->active;

    dlcall_raise_forget(co->map, co->map + co->map_size);
    co->frame->host_ctx = 0;
    ts->active = co->next;
    co->frame = NULL;
    co->pending = NULL;
    co_reset(co);
    co->next = ts->pool;
    ts->pool = co;
}

/*
 * Guest frames live on the guest's stack (a downward one on every dlcall
 * ISA), and a call made from a callback has its frame below the frame of
 * the call that runs the callback. A new call whose frame is at or above
 * the innermost one's, within 8 MiB (a guest thread's stack, not a
 * signal stack elsewhere), was made after a longjmp left that one.
 */
#define GUEST_STACK_SPAN ((uintptr_t)8 << 20)

static int abandoned_by(const struct co *top, const struct dlcall_frame *f)
{
    uintptr_t old = (uintptr_t)top->frame, now = (uintptr_t)f;

    return now >= old && now - old < GUEST_STACK_SPAN;
}

/*
 * A new call starts with its caller's rounding and exception masks, as a
 * plain call would: patch them into the image the idle coroutine will
 * restore.
 */
static void inherit_fp_control(struct co *co)
{
    struct dlcall_switch_image *img = co->sp;
    uint16_t cw;

    __asm__ __volatile__("fnstcw %0" : "=m"(cw));
    img->x87_cw = cw;
    img->mxcsr = __builtin_ia32_stmxcsr();
}

/* Runs @co (the top of @ts) until its thunk is done or wants a callback. */
static void co_run(struct thread_state *ts, struct co *co)
{
    struct dlcall_frame *f = co->frame;

    dlcall_switch(&co->caller_sp, co->sp);
    if (!co->done) {
        return; /* dlcall_rt_callback() filled the frame */
    }
    f->state = DLCALL_FRAME_DONE;
    f->host_ctx = 0;
    ts->active = co->next;
    co->frame = NULL;
    co->next = ts->pool;
    ts->pool = co;
}

void dlcall_rt_call(void *frame, void *unused)
{
    struct dlcall_frame *f = frame;
    struct thread_state *ts = thread_state();
    struct co *co;

    (void)unused;
    if (f == NULL || f->thunk == 0) {
        dlcall_host_fatal("dlcall_rt_call: a frame without a thunk");
    }
    while (ts->active != NULL && abandoned_by(ts->active, f)) {
        co_abandon_top(ts);
    }
    co = ts->pool;
    if (co != NULL) {
        ts->pool = co->next;
    } else {
        co = co_new();
    }
    co->frame = f;
    co->done = 0;
    co->next = ts->active;
    ts->active = co;
    f->host_ctx = (uintptr_t)co;
    inherit_fp_control(co);
    co_run(ts, co);
}

void dlcall_rt_resume(void *frame, void *unused)
{
    struct dlcall_frame *f = frame;
    struct thread_state *ts = tls_thread;
    struct co *co = ts != NULL ? ts->active : NULL;

    (void)unused;
    /*
     * Resuming a call below the innermost: the calls above it were left
     * by a guest longjmp out of their callbacks (LIFO: nothing else
     * resumes an outer call first).
     */
    for (struct co *c = co; c != NULL && f != NULL; c = c->next) {
        if (c->frame == f && f->host_ctx == (uintptr_t)c) {
            while (ts->active != c) {
                co_abandon_top(ts);
            }
            co = c;
            break;
        }
    }
    /* host_ctx is guest memory: compared, never followed. */
    if (co == NULL || f == NULL || f->host_ctx != (uintptr_t)co ||
        co->frame != f) {
        dlcall_host_fatal("dlcall_rt_resume: the frame is not this thread's "
                          "innermost host call waiting for a callback "
                          "(did a guest callback not return normally?)");
    }
    co_run(ts, co);
}

/* The coroutine running the current host call, or death with a reason. */
static struct co *current_co(const char *what)
{
    struct thread_state *ts = tls_thread;

    /*
     * No coroutine on this thread yet: a thread the library created, or a
     * call that took the fast path although the library kept the callback
     * from an earlier call (the spec's deferredCallbacks/fastPath).
     */
    if (ts == NULL) {
        dlcall_host_fatal("%s: the host library called a guest callback "
                          "from a thread it created itself, or during a "
                          "call made without dlcall_call_host() (a fast-path "
                          "call: see the spec's deferredCallbacks); dlcall "
                          "cannot run guest code there", what);
    }
    if (ts->active == NULL ||
        !on_stack(ts->active, __builtin_frame_address(0))) {
        dlcall_host_fatal("%s: the host library called a guest callback "
                          "outside a dlcall_call_host() call (after the "
                          "call that passed it returned, during a "
                          "fast-path call?); dlcall cannot run guest code "
                          "there", what);
    }
    return ts->active;
}

uint64_t dlcall_rt_callback(const struct dlcall_cb_target *t,
                            const uint64_t *argv, int argc)
{
    const char *what = t != NULL && t->what != NULL ? t->what : "callback";
    struct co *co = current_co(what);
    struct dlcall_frame *f = co->frame;

    if (t == NULL || argc < 0 || argc > DLCALL_CB_MAX_ARGS) {
        dlcall_host_fatal("%s: bad callback request (%d arguments, at most "
                          "%d)", what, argc, DLCALL_CB_MAX_ARGS);
    }
    f->cb_fn = t->guest_fn;
    f->cb_invoker = t->guest_invoker;
    for (int i = 0; i < DLCALL_CB_MAX_ARGS; i++) {
        f->cb_argv[i] = i < argc ? argv[i] : 0;
    }
    f->cb_ret = 0;
    f->state = DLCALL_FRAME_CALLBACK;
    co->pending = t;
    dlcall_switch(&co->sp, co->caller_sp);
    co->pending = NULL;
    /* dlcall_rt_resume() checked that the guest resumed this frame. */
    return f->cb_ret;
}

const char *dlcall_rt_callback_what(const void *frame)
{
    struct thread_state *ts = tls_thread;
    struct co *co = ts != NULL ? ts->active : NULL;

    if (co == NULL || co->frame != frame || co->pending == NULL) {
        return NULL;
    }
    return co->pending->what != NULL ? co->pending->what : "callback";
}
