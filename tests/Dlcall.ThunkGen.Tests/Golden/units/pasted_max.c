/* A guestOverrides file without the generated header: pasted into the stub, as before. */
int (un_max)(int n, ...)
{
    va_list ap;
    int m = 0;

    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        int v = va_arg(ap, int);
        m = i == 0 || v > m ? v : m;
    }
    va_end(ap);
    return m;
}
