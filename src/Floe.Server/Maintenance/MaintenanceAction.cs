using Floe.Common.Errors;
using Floe.Core.Properties;
using Floe.Server.Configuration;

namespace Floe.Server.Maintenance;

/// <summary>The maintenance actions the scheduler runs, under Amoro's names.</summary>
public enum MaintenanceAction
{
    ExpireSnapshots,
    CleanOrphanFiles,
    CleanDanglingDeleteFiles,
    ExpireData,
    AutoCreateTags,
}

/// <summary>Names, global options and table switches of the actions.</summary>
public static class MaintenanceActions
{
    public static IReadOnlyList<MaintenanceAction> All { get; } = Enum.GetValues<MaintenanceAction>();

    /// <summary><c>expire-snapshots</c>, <c>clean-orphan-files</c>, <c>clean-dangling-delete-files</c>, <c>expire-data</c>, <c>auto-create-tags</c>.</summary>
    public static string Name(this MaintenanceAction action) => action switch
    {
        MaintenanceAction.ExpireSnapshots => "expire-snapshots",
        MaintenanceAction.CleanOrphanFiles => "clean-orphan-files",
        MaintenanceAction.CleanDanglingDeleteFiles => "clean-dangling-delete-files",
        MaintenanceAction.ExpireData => "expire-data",
        _ => "auto-create-tags",
    };

    /// <summary>The action of a name; InvalidArgument naming the known ones otherwise.</summary>
    public static MaintenanceAction Parse(string name)
    {
        string wanted = (name ?? "").Trim().ToLowerInvariant();
        foreach (MaintenanceAction action in All)
        {
            if (action.Name() == wanted)
            {
                return action;
            }
        }

        throw new FloeException(FloeErrorKind.InvalidArgument, $"'{name}' is not a maintenance action; use one of {string.Join(", ", All.Select(a => a.Name()))}.");
    }

    /// <summary>The action's global switch and interval.</summary>
    public static MaintenanceActionOptions Options(this MaintenanceAction action, MaintenanceOptions options) => action switch
    {
        MaintenanceAction.ExpireSnapshots => options.ExpireSnapshots,
        MaintenanceAction.CleanOrphanFiles => options.CleanOrphanFiles,
        MaintenanceAction.CleanDanglingDeleteFiles => options.CleanDanglingDeleteFiles,
        MaintenanceAction.ExpireData => options.ExpireData,
        _ => options.AutoCreateTags,
    };

    /// <summary>The table property that lets a table take part in the scheduled action.</summary>
    public static BoolProperty TableSwitch(this MaintenanceAction action) => action switch
    {
        MaintenanceAction.ExpireSnapshots => MaintenanceProperties.ExpireEnabled,
        MaintenanceAction.CleanOrphanFiles => MaintenanceProperties.CleanOrphanFilesEnabled,
        MaintenanceAction.CleanDanglingDeleteFiles => MaintenanceProperties.CleanDanglingDeletesEnabled,
        MaintenanceAction.ExpireData => MaintenanceProperties.DataExpireEnabled,
        _ => MaintenanceProperties.AutoTagEnabled,
    };
}
