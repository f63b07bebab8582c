// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>
/// A list of NUL-terminated strings in native memory, turned into a NULL-terminated char*[] for
/// execve. Exec following builds the child's argv and envp in it: the syscall filter allocates
/// nothing on the managed heap (see LibC on why no garbage collection may run).
/// </summary>
internal unsafe struct NativeStrings : IDisposable
{
    private byte* _bytes;
    private nuint _used, _capacity;
    private nuint* _offsets;
    private int _count, _slots;

    public readonly int Count => _count;

    /// <summary>Appends <paramref name="text"/> as one more string.</summary>
    public void Add(ReadOnlySpan<byte> text)
    {
        Begin();
        Append(text);
        End();
    }

    /// <summary>Starts a string made of several <see cref="Append"/>s.</summary>
    public void Begin()
    {
        if (_count == _slots)
        {
            _slots = _slots == 0 ? 64 : _slots * 2;
            _offsets = (nuint*)NativeMemory.Realloc(_offsets, (nuint)_slots * (nuint)sizeof(nuint));
        }
        _offsets[_count++] = _used;
    }

    public void Append(ReadOnlySpan<byte> text)
    {
        Reserve((nuint)text.Length);
        text.CopyTo(new Span<byte>(_bytes + _used, text.Length));
        _used += (nuint)text.Length;
    }

    /// <summary>Ends the string <see cref="Begin"/> started.</summary>
    public void End()
    {
        Reserve(1);
        _bytes[_used++] = 0;
    }

    /// <summary>String <paramref name="i"/> (valid until the next Add).</summary>
    public readonly ReadOnlySpan<byte> this[int i] =>
        MemoryMarshal.CreateReadOnlySpanFromNullTerminated(_bytes + _offsets[i]);

    /// <summary>The strings as a NULL-terminated char*[]; free it with NativeMemory.Free.</summary>
    public readonly byte** ToArray()
    {
        var array = (byte**)NativeMemory.Alloc((nuint)(_count + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < _count; i++) array[i] = _bytes + _offsets[i];
        array[_count] = null;
        return array;
    }

    private void Reserve(nuint more)
    {
        if (_used + more <= _capacity) return;
        while (_used + more > _capacity) _capacity = _capacity == 0 ? 4096 : _capacity * 2;
        _bytes = (byte*)NativeMemory.Realloc(_bytes, _capacity);
    }

    public void Dispose()
    {
        NativeMemory.Free(_bytes);
        NativeMemory.Free(_offsets);
        this = default;
    }
}
