namespace Floe.Core.Manifests;

/// <summary>What a manifest lists: data files or delete files, never both.</summary>
public enum ManifestContent
{
    /// <summary>Data files (manifest list <c>content</c> 0, header <c>content: data</c>).</summary>
    Data = 0,

    /// <summary>Position and equality delete files (manifest list <c>content</c> 1, header <c>content: deletes</c>).</summary>
    Deletes = 1,
}
