namespace Floe.Core.Manifests;

/// <summary>The state of a file in the snapshot that wrote the manifest (the <c>status</c> field, id 0).</summary>
public enum EntryStatus
{
    /// <summary>Carried over from an earlier snapshot.</summary>
    Existing = 0,

    /// <summary>Added by the snapshot that wrote the manifest.</summary>
    Added = 1,

    /// <summary>Removed by the snapshot that wrote the manifest; scans ignore it.</summary>
    Deleted = 2,
}
