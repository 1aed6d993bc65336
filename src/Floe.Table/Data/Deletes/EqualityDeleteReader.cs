using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Table.Data.Reading;

namespace Floe.Table.Data.Deletes;

/// <summary>Reads the equality columns of an equality delete file.</summary>
public static class EqualityDeleteReader
{
    /// <summary>
    /// The schema of the equality columns of <paramref name="deleteFile"/> as the table schema has them now, in the
    /// order of its equality ids: the projection delete rows are read in.
    /// </summary>
    public static Schema EqualitySchema(Schema tableSchema, DeleteFile deleteFile)
    {
        ArgumentNullException.ThrowIfNull(tableSchema);
        ArgumentNullException.ThrowIfNull(deleteFile);
        if (deleteFile.Content != FileContent.EqualityDeletes || deleteFile.EqualityIds is not { Count: > 0 } ids)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"{deleteFile.FilePath} is not an equality delete file with equality ids");
        }

        var fields = new List<NestedField>(ids.Count);
        foreach (int id in ids)
        {
            NestedField field = tableSchema.FindField(id)
                ?? throw new FloeException(FloeErrorKind.InvalidData, $"{deleteFile.FilePath}: equality field id {id} is not in the table schema");
            fields.Add(field);
        }

        return new Schema(fields);
    }

    /// <summary>Reads the delete rows of <paramref name="deleteFile"/>, one batch per row group, in <see cref="EqualitySchema"/>.</summary>
    public static async IAsyncEnumerable<ColumnBatch> ReadAsync(
        Stream stream, Schema tableSchema, DeleteFile deleteFile, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Schema projection = EqualitySchema(tableSchema, deleteFile);
        DataFileReader reader = await DataFileReader.OpenAsync(stream, deleteFile.FilePath, leaveOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        await foreach (ColumnBatch batch in reader.ReadAsync(projection, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }
}
