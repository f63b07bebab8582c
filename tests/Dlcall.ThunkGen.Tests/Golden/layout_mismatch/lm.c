/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "lm.h"

int lm_get(struct lm_state *s) { return s->kind; }
