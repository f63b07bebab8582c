// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Protocol;

/// <summary>The dlcall release, answered for <see cref="HostAttributeKeys.Version"/>.</summary>
public static class PluginVersion
{
    /// <summary>Semantic version of the plugin and guest runtime.</summary>
    public const string Current = "0.1.0";
}
