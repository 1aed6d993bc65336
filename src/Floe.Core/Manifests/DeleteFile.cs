using Floe.Common.Errors;

namespace Floe.Core.Manifests;

/// <summary>A file of row deletes: positions (file path and row ordinal) or equality (values of <see cref="EqualityIds"/>).</summary>
public sealed class DeleteFile : ContentFile
{
    private readonly FileContent _content = FileContent.PositionDeletes;

    /// <summary><see cref="FileContent.PositionDeletes"/> (the default) or <see cref="FileContent.EqualityDeletes"/>.</summary>
    public override FileContent Content => _content;

    /// <summary>Sets the kind of delete file; <see cref="FileContent.Data"/> is refused.</summary>
    public FileContent DeleteContent
    {
        get => _content;
        init => _content = value is FileContent.PositionDeletes or FileContent.EqualityDeletes
            ? value
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"A delete file cannot hold content {value}.");
    }

    /// <summary>The field ids whose values identify deleted rows; required for equality deletes (id 135).</summary>
    public IReadOnlyList<int>? EqualityIds { get; init; }

    /// <summary>The one data file all position deletes target, when there is one (id 143).</summary>
    public string? ReferencedDataFile { get; init; }

    /// <summary>Offset of a deletion vector blob inside a Puffin file (id 144).</summary>
    public long? ContentOffset { get; init; }

    /// <summary>Length of a deletion vector blob inside a Puffin file (id 145).</summary>
    public long? ContentSizeInBytes { get; init; }
}
