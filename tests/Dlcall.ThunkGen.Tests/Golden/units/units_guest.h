/* What the generated stub uses from the guest units (dlcall_stub.h includes this, hidden). */
extern const struct un_opts units_default_opts;
