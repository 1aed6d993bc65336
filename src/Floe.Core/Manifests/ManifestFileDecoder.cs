using Floe.Avro.Binary;
using Floe.Avro.Resolution;
using Floe.Avro.Schemas;
using static Floe.Core.Manifests.ManifestAvroSchemas;

namespace Floe.Core.Manifests;

/// <summary>Decodes <c>manifest_file</c> records of any version (and old field names) by field id.</summary>
internal sealed class ManifestFileDecoder(AvroSchema writerSchema) : IAvroDatumReader<ManifestFile>
{
    private readonly AvroReadPlan _plan = AvroResolver.Resolve(writerSchema, ListReaderSchema);

    public ManifestFile Read(ref AvroBinaryReader reader)
    {
        string? path = null;
        long length = -1;
        int specId = -1;
        int content = 0;
        long sequenceNumber = 0, minSequenceNumber = 0;
        long? addedSnapshotId = null;
        int? addedFiles = null, existingFiles = null, deletedFiles = null;
        long? addedRows = null, existingRows = null, deletedRows = null, firstRowId = null;
        List<PartitionFieldSummary>? partitions = null;
        byte[]? keyMetadata = null;
        foreach (AvroFieldStep step in _plan.Steps)
        {
            AvroReadPlan field = step.Plan!;
            switch (step.ReaderIndex)
            {
                case ListField.Path:
                    path = field.ReadString(ref reader);
                    break;
                case ListField.Length:
                    length = field.ReadLong(ref reader);
                    break;
                case ListField.SpecId:
                    specId = field.ReadInt(ref reader);
                    break;
                case ListField.Content:
                    content = field.ReadInt(ref reader);
                    break;
                case ListField.SequenceNumber:
                    sequenceNumber = field.ReadLong(ref reader);
                    break;
                case ListField.MinSequenceNumber:
                    minSequenceNumber = field.ReadLong(ref reader);
                    break;
                case ListField.AddedSnapshotId:
                    addedSnapshotId = OptionalLong(field, ref reader);
                    break;
                case ListField.AddedFilesCount:
                    addedFiles = OptionalInt(field, ref reader);
                    break;
                case ListField.ExistingFilesCount:
                    existingFiles = OptionalInt(field, ref reader);
                    break;
                case ListField.DeletedFilesCount:
                    deletedFiles = OptionalInt(field, ref reader);
                    break;
                case ListField.AddedRowsCount:
                    addedRows = OptionalLong(field, ref reader);
                    break;
                case ListField.ExistingRowsCount:
                    existingRows = OptionalLong(field, ref reader);
                    break;
                case ListField.DeletedRowsCount:
                    deletedRows = OptionalLong(field, ref reader);
                    break;
                case ListField.Partitions:
                    partitions = ReadSummaries(field, ref reader);
                    break;
                case ListField.KeyMetadata:
                    keyMetadata = OptionalBytes(field, ref reader);
                    break;
                case ListField.FirstRowId:
                    firstRowId = OptionalLong(field, ref reader);
                    break;
                default:
                    step.Skip(ref reader);
                    break;
            }
        }

        if (path is null)
        {
            reader.Throw("manifest_file has no manifest_path");
        }

        if (length < 0 || specId < 0)
        {
            reader.Throw($"manifest_file {path} has a negative manifest_length or partition_spec_id");
        }

        if (content is not (0 or 1))
        {
            reader.Throw($"manifest_file {path} has content {content}, not 0 (data) or 1 (deletes)");
        }

        return new ManifestFile
        {
            Path = path,
            Length = length,
            PartitionSpecId = specId,
            Content = (ManifestContent)content,
            SequenceNumber = sequenceNumber,
            MinSequenceNumber = minSequenceNumber,
            AddedSnapshotId = addedSnapshotId ?? ManifestWriter.UnassignedSequenceNumber,
            AddedFilesCount = addedFiles,
            ExistingFilesCount = existingFiles,
            DeletedFilesCount = deletedFiles,
            AddedRowsCount = addedRows,
            ExistingRowsCount = existingRows,
            DeletedRowsCount = deletedRows,
            Partitions = partitions,
            KeyMetadata = keyMetadata,
            FirstRowId = firstRowId,
        };
    }

    private static List<PartitionFieldSummary>? ReadSummaries(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan array);
        if (array.Action == AvroReadAction.Null)
        {
            return null;
        }

        var summaries = new List<PartitionFieldSummary>();
        ReadOnlySpan<AvroFieldStep> steps = array.Items!.Steps;
        for (long n = array.ReadBlockCount(ref reader); n != 0; n = array.ReadBlockCount(ref reader))
        {
            for (long i = 0; i < n; i++)
            {
                bool containsNull = false;
                bool? containsNan = null;
                byte[]? lower = null, upper = null;
                foreach (AvroFieldStep step in steps)
                {
                    switch (step.ReaderIndex)
                    {
                        case 0:
                            containsNull = step.Plan!.ReadBoolean(ref reader);
                            break;
                        case 1:
                            step.Plan!.ReadUnion(ref reader, out AvroReadPlan nan);
                            containsNan = nan.Action == AvroReadAction.Null ? null : nan.ReadBoolean(ref reader);
                            break;
                        case 2:
                            lower = OptionalBytes(step.Plan!, ref reader);
                            break;
                        case 3:
                            upper = OptionalBytes(step.Plan!, ref reader);
                            break;
                        default:
                            step.Skip(ref reader);
                            break;
                    }
                }

                summaries.Add(new PartitionFieldSummary { ContainsNull = containsNull, ContainsNan = containsNan, LowerBound = lower, UpperBound = upper });
            }
        }

        return summaries;
    }

    private static long? OptionalLong(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan value);
        return value.Action == AvroReadAction.Null ? null : value.ReadLong(ref reader);
    }

    private static int? OptionalInt(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan value);
        return value.Action == AvroReadAction.Null ? null : value.ReadInt(ref reader);
    }

    private static byte[]? OptionalBytes(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan value);
        return value.Action == AvroReadAction.Null ? null : value.ReadBytes(ref reader).ToArray();
    }
}
