/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ASN1_ITEMs defined in guest code, for ASN1_item_d2i, _i2d and _free
 * (spec guestArgs: the host's own functions get dlcall_host_item(it)).
 *
 * libssl (emulated) encodes an SSL_SESSION with its own item,
 * SSL_SESSION_ASN1. An item's templates name their sub-items through
 * functions (ASN1_ITEM_ref(X509) is X509_it), here the guest's: this
 * stub's X509_it. The host libcrypto walking the guest's item would call
 * guest code and crash. So the host gets a copy whose templates name the
 * host's own X509_it: possible when the item has no callbacks of its own
 * (funcs) and every sub-item is one of libcrypto's, i.e. a function this
 * stub exports. Anything else goes to the host as it is. Items are static
 * data of a loaded library: each copy is made once and kept.
 */
#include <dlfcn.h>
#include <pthread.h>

#define DLCALL_ASN1_TEMPLATES_MAX 64

struct dlcall_host_item {
    const ASN1_ITEM *guest;
    struct dlcall_host_item *next;
    ASN1_ITEM item;
    ASN1_TEMPLATE templates[DLCALL_ASN1_TEMPLATES_MAX];
};

/* The host's function of this stub's export at @fn, or NULL. */
static ASN1_ITEM_EXP *dlcall_host_item_fn(ASN1_ITEM_EXP *fn)
{
    static void *host;
    Dl_info self, info;

    if (dladdr((void *)dlcall_host_item_fn, &self) == 0 ||
        dladdr((void *)fn, &info) == 0 || info.dli_fbase != self.dli_fbase ||
        info.dli_sname == NULL || info.dli_saddr != (void *)fn) {
        return NULL;
    }
    if (host == NULL) {
        host = dlcall_dlopen("libcrypto.so.3", DLCALL_RTLD_NOW);
    }
    return host != NULL ? (ASN1_ITEM_EXP *)dlcall_dlsym(host, info.dli_sname) : NULL;
}

/* @copy filled as the host's version of @it; 0 when there is none. */
static int dlcall_host_item_make(const ASN1_ITEM *it, struct dlcall_host_item *copy)
{
    long n = it->tcount > 0 ? it->tcount : it->templates != NULL;

    if (n > DLCALL_ASN1_TEMPLATES_MAX) {
        return 0;
    }
    copy->item = *it;
    for (long i = 0; i < n; i++) {
        copy->templates[i] = it->templates[i];
        if ((it->templates[i].flags & ASN1_TFLG_ADB_MASK) != 0 ||
            (copy->templates[i].item = dlcall_host_item_fn(it->templates[i].item)) == NULL) {
            return 0;
        }
    }
    copy->item.templates = n > 0 ? copy->templates : NULL;
    return 1;
}

/* @it when the host can walk it as it is (the host's own item, or one it cannot be given better). */
static const ASN1_ITEM *dlcall_host_item(const ASN1_ITEM *it)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static struct dlcall_host_item *made;
    struct dlcall_host_item *c;
    Dl_info info;

    /* Guest ld.so knows guest objects only: a host item is in none. */
    if (it == NULL || dladdr(it, &info) == 0 || it->funcs != NULL) {
        return it;
    }
    pthread_mutex_lock(&lock);
    for (c = made; c != NULL && c->guest != it; c = c->next) {
    }
    if (c == NULL && (c = malloc(sizeof(*c))) != NULL) {
        if (dlcall_host_item_make(it, c)) {
            c->guest = it;
            c->next = made;
            made = c;
        } else {
            free(c);
            c = NULL;
        }
    }
    pthread_mutex_unlock(&lock);
    return c != NULL ? &c->item : it;
}
