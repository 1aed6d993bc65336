namespace Floe.Core.Manifests;

/// <summary>What a file listed in a manifest holds (the <c>content</c> field, id 134).</summary>
public enum FileContent
{
    /// <summary>Table rows.</summary>
    Data = 0,

    /// <summary>Rows deleted by data file path and row position.</summary>
    PositionDeletes = 1,

    /// <summary>Rows deleted by the values of some columns (<see cref="DeleteFile.EqualityIds"/>).</summary>
    EqualityDeletes = 2,
}
