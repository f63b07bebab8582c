/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libdlcall_guest.so: the guest runtime the generated stubs share
 * (native/include/dlcall/thread.h, DLCALL_SHARED_STATE). It holds each
 * thread's one dlcall state, the only initial-exec TLS of any stub, so a
 * process takes static TLS for it once, however many stubs it loads and in
 * whatever way; and the threads' copy buffers, on the heap.
 *
 * Built for each guest ISA by the thunk generator (Build/GuestRuntime.cs)
 * next to the stubs, with -z nodelete: its static TLS block is never
 * given back, so neither is the library (a reload would take another).
 */
#define DLCALL_SHARED_STATE 1
#include <pthread.h>
#include <stdlib.h>

#include <dlcall/dlcall.h>

__attribute__((visibility("default")))
_Thread_local struct dlcall__thread_state dlcall__shared_state
    __attribute__((tls_model("initial-exec")));

/* One heap block per thread holds its buffers; freed when the thread exits. */
struct dlcall__buffers {
    char *buffer[DLCALL__BUFFER_COUNT];
    size_t size[DLCALL__BUFFER_COUNT];
};

static pthread_key_t buffers_key;
static pthread_once_t buffers_once = PTHREAD_ONCE_INIT;
static int buffers_key_ok;

static void free_buffers(void *p)
{
    struct dlcall__buffers *b = p;

    for (int i = 0; i < DLCALL__BUFFER_COUNT; i++) {
        free(b->buffer[i]);
    }
    free(b);
}

static void make_key(void)
{
    buffers_key_ok = pthread_key_create(&buffers_key, free_buffers) == 0;
}

__attribute__((visibility("default")))
char *dlcall__shared_buffer(int which, size_t size)
{
    struct dlcall__buffers *b;

    if (which < 0 || which >= DLCALL__BUFFER_COUNT ||
        pthread_once(&buffers_once, make_key) != 0 || !buffers_key_ok) {
        return NULL;
    }
    b = pthread_getspecific(buffers_key);
    if (b == NULL) {
        b = calloc(1, sizeof(*b));
        if (b == NULL || pthread_setspecific(buffers_key, b) != 0) {
            free(b);
            return NULL;
        }
    }
    if (b->size[which] < size) {
        char *grown = realloc(b->buffer[which], size);

        if (grown == NULL) {
            return NULL;
        }
        b->buffer[which] = grown;
        b->size[which] = size;
    }
    return b->buffer[which];
}
