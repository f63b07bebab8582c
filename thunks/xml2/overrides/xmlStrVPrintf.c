/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A va_list cannot cross; libxml2's function is vsnprintf into a caller's buffer. */
int xmlStrVPrintf(xmlChar *buf, int len, const char *msg, va_list ap)
{
    int ret;

    if (buf == NULL || msg == NULL) {
        return -1;
    }
    ret = vsnprintf((char *)buf, (size_t)len, msg, ap);
    buf[len - 1] = 0;
    return ret;
}
