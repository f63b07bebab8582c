/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Pointer sets for spec trackedObjects (dlcall_host.h). A program keeps a
 * handful of objects alive at a time (libpng: one png_struct per image), so
 * a linear array is enough; removal moves the last key into the hole.
 * Before, libpng's longjmp_host.c carried its own copy for its write structs.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "dlcall_host.h"

static pthread_mutex_t map_lock = PTHREAD_MUTEX_INITIALIZER;

void dlcall_rt_map_add(struct dlcall_rt_map *m, const void *key)
{
    if (key == NULL) {
        return;
    }
    pthread_mutex_lock(&map_lock);
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 16;
        const void **grown = realloc(m->keys, cap * sizeof(*grown));

        if (grown == NULL) {
            /* Not raised: the object is made, and the caller's stages after the call are outside its raise point. */
            fprintf(stderr, "dlcall: out of memory noting a tracked object\n");
            abort();
        }
        m->keys = grown;
        m->cap = cap;
    }
    m->keys[m->n++] = key;
    pthread_mutex_unlock(&map_lock);
}

void dlcall_rt_map_remove(struct dlcall_rt_map *m, const void *key)
{
    pthread_mutex_lock(&map_lock);
    for (size_t i = 0; key != NULL && i < m->n; i++) {
        if (m->keys[i] == key) {
            m->keys[i] = m->keys[--m->n];
            break;
        }
    }
    pthread_mutex_unlock(&map_lock);
}

int dlcall_rt_map_has(struct dlcall_rt_map *m, const void *key)
{
    int found = 0;

    pthread_mutex_lock(&map_lock);
    for (size_t i = 0; key != NULL && i < m->n && !found; i++) {
        found = m->keys[i] == key;
    }
    pthread_mutex_unlock(&map_lock);
    return found;
}
