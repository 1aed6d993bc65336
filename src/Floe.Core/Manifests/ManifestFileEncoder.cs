using Floe.Avro.Binary;
using Floe.Common.Errors;

namespace Floe.Core.Manifests;

/// <summary>Encodes manifest list entries in the field order of <see cref="ManifestAvroSchemas.ListSchema"/>.</summary>
internal sealed class ManifestFileEncoder(int formatVersion) : IAvroDatumWriter<ManifestFile>
{
    public void Write(AvroBufferWriter writer, ManifestFile value)
    {
        writer.WriteString(value.Path);
        writer.WriteLong(value.Length);
        writer.WriteInt(value.PartitionSpecId);
        if (formatVersion >= 2)
        {
            writer.WriteInt((int)value.Content);
            writer.WriteLong(value.SequenceNumber);
            writer.WriteLong(value.MinSequenceNumber);
            writer.WriteLong(value.AddedSnapshotId);
            writer.WriteInt(Required(value.AddedFilesCount, "added_files_count", value));
            writer.WriteInt(Required(value.ExistingFilesCount, "existing_files_count", value));
            writer.WriteInt(Required(value.DeletedFilesCount, "deleted_files_count", value));
            writer.WriteLong(Required(value.AddedRowsCount, "added_rows_count", value));
            writer.WriteLong(Required(value.ExistingRowsCount, "existing_rows_count", value));
            writer.WriteLong(Required(value.DeletedRowsCount, "deleted_rows_count", value));
            WriteSummaries(writer, value.Partitions);
        }
        else
        {
            if (value.Content != ManifestContent.Data)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Format version 1 manifest lists cannot hold delete manifest {value.Path}.");
            }

            Optional(writer, value.AddedSnapshotId);
            Optional(writer, value.AddedFilesCount);
            Optional(writer, value.ExistingFilesCount);
            Optional(writer, value.DeletedFilesCount);
            WriteSummaries(writer, value.Partitions);
            Optional(writer, value.AddedRowsCount);
            Optional(writer, value.ExistingRowsCount);
            Optional(writer, value.DeletedRowsCount);
        }

        OptionalBytes(writer, value.KeyMetadata);
    }

    private static void WriteSummaries(AvroBufferWriter writer, IReadOnlyList<PartitionFieldSummary>? summaries)
    {
        if (summaries is null)
        {
            writer.WriteUnionIndex(0);
            return;
        }

        writer.WriteUnionIndex(1);
        if (summaries.Count > 0)
        {
            writer.WriteBlockCount(summaries.Count);
            foreach (PartitionFieldSummary summary in summaries)
            {
                writer.WriteBoolean(summary.ContainsNull);
                if (summary.ContainsNan is bool nan)
                {
                    writer.WriteUnionIndex(1);
                    writer.WriteBoolean(nan);
                }
                else
                {
                    writer.WriteUnionIndex(0);
                }

                OptionalBytes(writer, summary.LowerBound);
                OptionalBytes(writer, summary.UpperBound);
            }
        }

        writer.WriteBlockCount(0);
    }

    private static T Required<T>(T? value, string field, ManifestFile manifest)
        where T : struct =>
        value ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Manifest {manifest.Path} has no {field}; format version 2 requires it.");

    private static void Optional(AvroBufferWriter writer, long? value)
    {
        if (value is long v)
        {
            writer.WriteUnionIndex(1);
            writer.WriteLong(v);
        }
        else
        {
            writer.WriteUnionIndex(0);
        }
    }

    private static void Optional(AvroBufferWriter writer, int? value)
    {
        if (value is int v)
        {
            writer.WriteUnionIndex(1);
            writer.WriteInt(v);
        }
        else
        {
            writer.WriteUnionIndex(0);
        }
    }

    private static void OptionalBytes(AvroBufferWriter writer, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteUnionIndex(0);
        }
        else
        {
            writer.WriteUnionIndex(1);
            writer.WriteBytes(value);
        }
    }
}
