// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

using static Dlcall.ThunkGen.Tests.PlannerFixture;

namespace Dlcall.ThunkGen.Tests;

/// <summary>hostObjectRecords: which methods a proxy can forward, and their thunk slots.</summary>
public class HostObjectPlannerTests
{
    [Fact]
    public void MethodsTakingTheRecordFirstAreForwardedTheRestDropped()
    {
        var vfs = new RecordDecl("vfs", false,
        [
            new FieldDecl("version", T("int")),
            new FieldDecl("now", T("int (*)(struct vfs *, double *)")),
            new FieldDecl("sleep", T("int (*)(struct vfs *, int)")),
            new FieldDecl("global", T("int (*)(int)")),
            new FieldDecl("sym", T("void (*(*)(struct vfs *, const char *))(void)")),
        ], true, "t.h:1");
        var find = new FunctionDecl("find", T("struct vfs *"), [new ParamDecl("name", T("const char *"))], false, "t.h:9");
        var headers = Headers([find], vfs);
        var spec = MinimalSpec() with { HostObjectRecords = ["vfs"] };
        var (plan, _) = Plan(spec, headers, Exports([find]));

        var o = Assert.Single(HostObjectPlanner.Plan(spec, headers, plan));
        Assert.Equal(["now", "sleep"], o.Methods.Select(m => m.Field));
        Assert.Equal([1, 2], o.Methods.Select(m => m.ThunkIndex)); // after the one forwarded function
        Assert.Equal(["global", "sym"], o.Dropped);
        Assert.Equal("dlcall_method_vfs_now", o.Methods[0].ThunkName);
    }
}
