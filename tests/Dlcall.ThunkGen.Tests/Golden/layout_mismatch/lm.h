/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A struct whose layout depends on the target: the generator must refuse it. */
struct lm_state {
    char kind;
#ifdef __aarch64__
    long guest_only;
#endif
    long value;
};

int lm_get(struct lm_state *s);
