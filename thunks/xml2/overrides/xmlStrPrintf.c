/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A '...' cannot cross; libxml2's function is vsnprintf into a caller's buffer (libxslt's). */
int xmlStrPrintf(xmlChar *buf, int len, const char *msg, ...)
{
    va_list args;
    int ret;

    if (buf == NULL || msg == NULL) {
        return -1;
    }
    va_start(args, msg);
    ret = vsnprintf((char *)buf, (size_t)len, msg, args);
    va_end(args);
    buf[len - 1] = 0;
    return ret;
}
