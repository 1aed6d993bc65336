using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.Core.Values;

namespace Floe.Table.Operations;

/// <summary>Whether a delete file may apply to a data file, by the spec's scoping rules (ignoring sequence numbers).</summary>
internal static class DeleteScope
{
    /// <summary>
    /// Position deletes apply to their referenced file (or the single file their <c>file_path</c> bounds name), else to
    /// files of the same spec and partition; equality deletes to files of the same spec and partition, or everywhere
    /// when their spec is unpartitioned (or unknown).
    /// </summary>
    public static bool MayApply(DeleteFile deletes, ContentFile data, TableMetadata? metadata = null)
    {
        if (deletes.Content == FileContent.PositionDeletes)
        {
            if (SingleTarget(deletes) is string target)
            {
                return target == data.FilePath;
            }

            return deletes.SpecId == data.SpecId && deletes.Partition.Equals(data.Partition);
        }

        bool global = metadata?.SpecById(deletes.SpecId) is not { } spec || spec.Fields.Count == 0;
        return global || (deletes.SpecId == data.SpecId && deletes.Partition.Equals(data.Partition));
    }

    /// <summary>The one data file a position delete file targets, when its metadata says so.</summary>
    public static string? SingleTarget(DeleteFile deletes)
    {
        if (deletes.ReferencedDataFile is string referenced)
        {
            return referenced;
        }

        int id = MetadataColumns.DeleteFilePath.Id;
        if (deletes.LowerBounds?.TryGetValue(id, out byte[]? lower) == true && deletes.UpperBounds?.TryGetValue(id, out byte[]? upper) == true
            && lower.AsSpan().SequenceEqual(upper))
        {
            return SingleValueBinary.Read(Core.Types.PrimitiveType.String, lower).AsString();
        }

        return null;
    }
}
