/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lzma_mt_block_size() (liblzma 5.6+): the Block size the multithreaded .xz encoder would
 * choose for a filter chain. xz 5.6+ calls it for its default multithreaded mode, but a host
 * with liblzma 5.4 (Debian 12) lacks it, so the guest stub computes it here as liblzma 5.8
 * does (src/liblzma/common/filter_encoder.c, lzma2_encoder.c): the largest block size any
 * filter asks for, where only LZMA2 asks, 3 x its dictionary size but at least 1 MiB;
 * UINT64_MAX for an unknown filter, an invalid dictionary size, or no answer at all.
 * Whether a filter ID is known is the host library's answer (lzma_filter_encoder_is_supported).
 */
extern LZMA_API(uint64_t) lzma_mt_block_size(const lzma_filter *filters);

uint64_t (lzma_mt_block_size)(const lzma_filter *filters)
{
    uint64_t max = 0;

    if (filters == NULL) {
        return UINT64_MAX;
    }
    for (size_t i = 0; filters[i].id != LZMA_VLI_UNKNOWN; i++) {
        if (!lzma_filter_encoder_is_supported(filters[i].id)) {
            return UINT64_MAX;
        }
        if (filters[i].id == LZMA_FILTER_LZMA2) {
            const lzma_options_lzma *opt = filters[i].options;
            uint64_t size;

            if (opt->dict_size < LZMA_DICT_SIZE_MIN ||
                opt->dict_size > (UINT32_C(1) << 30) + (UINT32_C(1) << 29)) {
                return UINT64_MAX;
            }
            size = (uint64_t)opt->dict_size * 3;
            size = size < (UINT64_C(1) << 20) ? UINT64_C(1) << 20 : size;
            max = size > max ? size : max;
        }
    }
    return max == 0 ? UINT64_MAX : max;
}
