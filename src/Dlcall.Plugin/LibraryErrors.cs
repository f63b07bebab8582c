// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;
using Dlcall.Protocol;

namespace Dlcall.Plugin;

/// <summary>
/// The plugin's own dlerror() messages (a LOAD_LIBRARY the policy refused), one per vCPU, like
/// libdl's per-thread message: GET_LIBRARY_ERROR answers it once, and the vCPU's next libdl
/// operation drops it. Buffers are native and made once per vCPU, so nothing lands on the GC heap
/// after install.
/// </summary>
internal static unsafe class LibraryErrors
{
    private const int MessageMax = Limits.StringMax + 512;
    private static byte** s_messages;
    private static bool* s_pending;
    private static uint s_slots;

    /// <summary>Makes the per-vCPU table; called once from install when a policy is set.</summary>
    public static void Configure()
    {
        s_slots = NativeGlue.FastMaxVcpus();
        s_messages = (byte**)NativeMemory.AllocZeroed(s_slots, (nuint)sizeof(byte*));
        s_pending = (bool*)NativeMemory.AllocZeroed(s_slots, 1);
    }

    /// <summary>Drops vCPU <paramref name="vcpu"/>'s pending message.</summary>
    public static void Clear(uint vcpu)
    {
        if (vcpu < s_slots) s_pending[vcpu] = false;
    }

    /// <summary>The answer to GET_LIBRARY_ERROR: the pending policy message, else dlerror().</summary>
    public static byte* Take(uint vcpu)
    {
        if (vcpu < s_slots && s_pending[vcpu])
        {
            s_pending[vcpu] = false;
            LibC.DlError(); // libdl's older message is older than the refusal
            return s_messages[vcpu];
        }
        return LibC.DlError();
    }

    /// <summary>"dlcall: loading '&lt;path&gt;' is denied by the plugin's policy (&lt;why&gt;&lt;rule&gt;)".</summary>
    public static void SetDenied(uint vcpu, byte* path, ReadOnlySpan<byte> why, byte* rule)
    {
        if (vcpu >= s_slots) return;
        if (s_messages[vcpu] == null) s_messages[vcpu] = (byte*)NativeMemory.Alloc(MessageMax);
        var text = new Span<byte>(s_messages[vcpu], MessageMax - 1);
        int n = 0;
        n += Append(text[n..], "dlcall: loading '"u8);
        n += Append(text[n..], MemoryMarshal.CreateReadOnlySpanFromNullTerminated(path));
        n += Append(text[n..], "' is denied by the plugin's policy ("u8);
        n += Append(text[n..], why);
        n += Append(text[n..], MemoryMarshal.CreateReadOnlySpanFromNullTerminated(rule));
        n += Append(text[n..], ")"u8);
        s_messages[vcpu][n] = 0;
        s_pending[vcpu] = true;
    }

    private static int Append(Span<byte> to, ReadOnlySpan<byte> what)
    {
        int n = Math.Min(to.Length, what.Length);
        what[..n].CopyTo(to);
        return n;
    }
}
