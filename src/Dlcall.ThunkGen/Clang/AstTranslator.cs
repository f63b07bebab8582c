// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.Json;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Clang;

/// <summary>Translates clang's JSON AST of a translation unit into a <see cref="HeaderModel"/>.</summary>
internal static class AstTranslator
{
    /// <summary>Functions are kept only when declared in one of <paramref name="libraryHeaders"/>
    /// (file names, e.g. "zlib.h"); records and typedefs are kept from everywhere.</summary>
    public static HeaderModel Translate(JsonElement root, IReadOnlySet<string> libraryHeaders)
    {
        var functions = new Dictionary<string, FunctionDecl>();
        var records = new Dictionary<string, RecordDecl>();
        var typedefs = new Dictionary<string, string>();
        var tracker = new LocationTracker();
        var unnamed = new Dictionary<string, RecordDecl>(); // id -> struct/union without a tag

        foreach (var decl in root.GetProperty("inner").EnumerateArray())
        {
            var (file, line) = tracker.ReadDeclLocation(decl);
            string location = $"{file}:{line}";
            string kind = decl.GetProperty("kind").GetString()!;
            string? name = decl.TryGetProperty("name", out var n) ? n.GetString() : null;
            if (kind == "FunctionDecl" && name != null && libraryHeaders.Contains(Path.GetFileName(file)))
                functions.TryAdd(name, ReadFunction(decl, name, location, typedefs));
            else if (kind == "RecordDecl" && name != null)
                AddRecord(records, ReadRecord(decl, name, location, typedefs));
            else if (AnonymousTags.UnnamedTagId(decl, kind) is string id && kind == "RecordDecl")
                unnamed[id] = ReadRecord(decl, "", location, typedefs);
            else if (kind == "TypedefDecl" && name != null && AnonymousTags.NamedTag(decl) is var (tagId, keyword))
            {
                // An unnamed enum has no tag to spell ("enum lzma_ret" is no type): an int, as C treats it.
                typedefs[name] = keyword == "enum" ? "int" : keyword + " " + name;
                if (unnamed.TryGetValue(tagId, out var rec)) AddRecord(records, rec with { Tag = name, NamedByTypedef = true });
            }
            else if (kind == "TypedefDecl" && name != null && decl.TryGetProperty("type", out var t))
                typedefs[name] = TypedefTarget(name, t);
            tracker.VisitRest(decl);
        }
        return new HeaderModel(functions, records, typedefs);
    }

    private static void AddRecord(Dictionary<string, RecordDecl> records, RecordDecl r)
    {
        // A later complete definition replaces an earlier forward declaration.
        if (!records.TryGetValue(r.Tag, out var old) || (!old.IsComplete && r.IsComplete)) records[r.Tag] = r;
    }

    /// <summary>A parameter name that cannot shadow the stubs' own locals (a, r, frame, cb) and helpers
    /// (dlcall_*): lzma_stream_flags_compare(a, b) and X509_verify(X509 *a, EVP_PKEY *r) would. Only the
    /// types matter to callers, so a trailing underscore is enough.</summary>
    internal static string SafeParamName(string name) =>
        name is "a" or "r" or "frame" or "cb" || name.StartsWith("dlcall_", StringComparison.Ordinal) ? name + "_" : name;

    private static FunctionDecl ReadFunction(JsonElement decl, string name, string location, Dictionary<string, string> typedefs)
    {
        var fnType = decl.GetProperty("type");
        string desugared = Desugared(fnType);
        string spelled = fnType.GetProperty("qualType").GetString()!;
        var parameters = new List<ParamDecl>();
        if (decl.TryGetProperty("inner", out var inner))
        {
            int i = 0;
            foreach (var p in inner.EnumerateArray())
            {
                if (p.GetProperty("kind").GetString() != "ParmVarDecl") continue;
                string pname = p.TryGetProperty("name", out var pn) ? pn.GetString()! : $"a{i}";
                pname = SafeParamName(pname);
                var pt = p.GetProperty("type");
                parameters.Add(new ParamDecl(pname, TypeOf(pt, typedefs)));
                i++;
            }
        }
        // clang does not desugar a function's type: resolve the return type's typedefs here.
        var ret = TypeSpellingParser.Parse(ReturnPart(spelled), TypedefResolver.Resolve(ReturnPart(desugared), typedefs));
        bool variadic = decl.TryGetProperty("variadic", out var v) && v.GetBoolean();
        return new FunctionDecl(name, ret, parameters, variadic, location);
    }

    private static RecordDecl ReadRecord(JsonElement decl, string tag, string location, Dictionary<string, string> typedefs)
    {
        bool isUnion = decl.TryGetProperty("tagUsed", out var tu) && tu.GetString() == "union";
        bool complete = decl.TryGetProperty("completeDefinition", out var c) && c.GetBoolean();
        var fields = new List<FieldDecl>();
        if (decl.TryGetProperty("inner", out var inner))
        {
            foreach (var f in inner.EnumerateArray())
            {
                if (f.GetProperty("kind").GetString() != "FieldDecl" || !f.TryGetProperty("name", out var fn)) continue;
                var ft = f.GetProperty("type");
                fields.Add(new FieldDecl(fn.GetString()!, TypeOf(ft, typedefs)));
            }
        }
        return new RecordDecl(tag, isUnion, fields, complete, location);
    }

    // desugaredQualType removes one level of typedefs only; resolve the rest by name.
    private static CType TypeOf(JsonElement type, Dictionary<string, string> typedefs) =>
        TypeSpellingParser.Parse(type.GetProperty("qualType").GetString()!, TypedefResolver.Resolve(Desugared(type), typedefs));

    // "typedef enum { ... } sct_source_t;" desugars to its own name (qualType "enum sct_source_t",
    // no such tag): an int, as C treats enumerations.
    private static string TypedefTarget(string name, JsonElement type) =>
        Desugared(type) == name && type.GetProperty("qualType").GetString()!.StartsWith("enum ", StringComparison.Ordinal) ? "int" : Desugared(type);

    private static string Desugared(JsonElement type) =>
        (type.TryGetProperty("desugaredQualType", out var d) ? d : type.GetProperty("qualType")).GetString()!;

    /// <summary>"int (z_streamp, int)" -> "int": everything before the trailing parameter list.</summary>
    internal static string ReturnPart(string functionType)
    {
        // A noreturn function (libpng's png_error) is "void (png_const_structrp, png_const_charp) __attribute__((noreturn))".
        int attr = functionType.LastIndexOf(" __attribute__((", StringComparison.Ordinal);
        if (attr > 0 && functionType.EndsWith("))", StringComparison.Ordinal)) functionType = functionType[..attr];
        int depth = 0;
        for (int i = functionType.Length - 1; i >= 0; i--)
        {
            if (functionType[i] == ')') depth++;
            else if (functionType[i] == '(' && --depth == 0) return FunctionPointerReturn(functionType[..i].Trim(), functionType[i..]);
        }
        return functionType;
    }

    // A function returning a function pointer is spelled "long (*(const BIO_METHOD *))(BIO *, int)":
    // its return type is "long (*)(BIO *, int)".
    private static string FunctionPointerReturn(string head, string lastParams)
    {
        int open = head.IndexOf("(*(", StringComparison.Ordinal);
        return open > 0 && head.EndsWith("))", StringComparison.Ordinal) ? head[..open] + "(*)" + lastParams : head;
    }
}
