// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Annotations;

namespace Dlcall.ThunkGen.Annotations
{
    /// <summary>guestHeap.defaultAllocators: in each of <paramref name="Functions"/>, when the guest passes NULL
    /// for every parameter named in <paramref name="Params"/>, each gets its host function (parameter → function,
    /// cast to the parameter's type): libpng's png_create_read_struct_2(..., NULL, NULL) allocates from the
    /// guest-mapped heap as png_create_read_struct does. One NULL among non-NULL ones is passed on as it is
    /// (libpng then uses its default for that one alone).</summary>
    public sealed record DefaultAllocators(IReadOnlyList<string> Functions, IReadOnlyDictionary<string, string> Params);

    /// <summary>A trackedObjects entry: the results of the functions in <paramref name="Add"/> join the host's
    /// set, the keys of <paramref name="Remove"/> (function → C expression over its parameters) leave it before
    /// the call. The set is <c>dlcall__tracked_NAME</c>, a <c>struct dlcall_rt_map</c> of the host thunk library
    /// (dlcall_host.h), which guestCalls and hostSources query with dlcall_rt_map_has.</summary>
    public sealed record TrackedObject(IReadOnlyList<string> Add, IReadOnlyDictionary<string, string>? Remove = null);
}

namespace Dlcall.ThunkGen.Spec
{
    public sealed partial record LibrarySpec
    {
        /// <summary>Sets of host objects the library does not tell apart itself (libpng's write structs from
        /// its read structs), kept by the generated thunks: name → the functions adding and removing them.</summary>
        public IReadOnlyDictionary<string, TrackedObject> TrackedObjects { get; set; } = new Dictionary<string, TrackedObject>();
    }
}
