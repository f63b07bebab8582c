/* A guestOverrides file without the generated header: pasted into the stub, as before, where it
 * sees the stub's statics (dlcall__host_fn). Compiled, never run. */
int (un_max)(int n, ...)
{
    (void)dlcall__host_fn;
    return n;
}
