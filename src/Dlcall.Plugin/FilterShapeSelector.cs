// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Plugin;

/// <summary>
/// Picks the filter shape from the running QEMU's API level alone. QEMU 11.0 (API 6) introduced
/// the filter; 11.1 (API 7) changed its shape. A QEMU reporting API 5 or less can only have the
/// filter through dlcall's own backport to 10.2, which uses the 11.1 shape, so every level but 6
/// gets that shape. Whether the QEMU has a filter at all is not decided here:
/// QemuApi.TryRegisterFilter looks up the register function and fails without it.
/// </summary>
internal static class FilterShapeSelector
{
    /// <summary>The shape for API level <paramref name="apiCur"/>.</summary>
    public static FilterShape Select(int apiCur) => apiCur == 6 ? FilterShape.Api6 : FilterShape.Api7;
}
