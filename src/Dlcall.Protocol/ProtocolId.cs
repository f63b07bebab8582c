// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Protocol;

/// <summary>The operation selected by a1 of the magic syscall: protocol.h's DLCALL_ID_LIST, which
/// tests/Dlcall.Protocol.Tests checks this against.</summary>
public enum ProtocolId : ulong
{
    /// <summary>(const char *key, const char **out): *out = attribute value or NULL.</summary>
    GetHostAttribute = 0,

    /// <summary>(const char *path, int flags, void **out): *out = dlopen(path, flags).</summary>
    LoadLibrary = 1,

    /// <summary>(void *handle, const char *name, void **out): *out = dlsym(handle, name).</summary>
    GetProcAddress = 2,

    /// <summary>(void *handle, int *out): *out = dlclose(handle).</summary>
    FreeLibrary = 3,

    /// <summary>(const char **out): *out = dlerror().</summary>
    GetLibraryError = 4,

    /// <summary>(void (*fn)(void *, void *), void *a, void *b): fn(a, b).</summary>
    InvokeProc = 5,

    /// <summary>dlcall's addition, (struct dlcall_fast_block *block): the calling thread's
    /// fast-path block; NULL drops it. -EINVAL from a plugin without the fast path.</summary>
    RegisterFastBlock = 6,
}
