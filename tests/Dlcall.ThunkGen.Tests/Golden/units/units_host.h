/* What the generated thunks use from the host unit (dlcall_thunks.h includes this, hidden). */
int units_host_twice(int x);
