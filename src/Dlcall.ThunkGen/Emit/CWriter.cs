// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text;

namespace Dlcall.ThunkGen.Emit;

/// <summary>Builds C source text with QEMU-style 4-space indentation.</summary>
internal sealed class CWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    /// <summary>Appends one line at the current indentation (an empty line stays empty).</summary>
    public CWriter Line(string text = "")
    {
        if (text.Length > 0) _sb.Append(' ', _indent * 4).Append(text);
        _sb.Append('\n');
        return this;
    }

    /// <summary>A function definition, QEMU style: the brace on its own line.</summary>
    public CWriter Function(string signature, Action body)
    {
        Line(signature).Line("{");
        _indent++;
        body();
        _indent--;
        return Line("}").Line();
    }

    /// <summary>"head {", the body one level deeper, "}" + <paramref name="tail"/>.</summary>
    public CWriter Block(string head, Action body, string tail = "")
    {
        Line(head + " {");
        _indent++;
        body();
        _indent--;
        return Line("}" + tail);
    }

    public override string ToString() => _sb.ToString();
}
