using Floe.Avro.Binary;
using Floe.Avro.Resolution;
using Floe.Avro.Schemas;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;
using static Floe.Core.Manifests.ManifestAvroSchemas;

namespace Floe.Core.Manifests;

/// <summary>
/// Decodes <c>manifest_entry</c> records of any format version through a plan resolved by field id, straight into
/// <see cref="ManifestEntry"/> objects, filling in values inherited from the manifest list. With a partition filter,
/// an entry whose partition it rejects is skipped past its partition without decoding the rest (no path string, file
/// or entry object) and read as null.
/// </summary>
internal sealed class ManifestEntryDecoder : IAvroDatumReader<ManifestEntry?>
{
    private static readonly System.Text.UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly AvroReadPlan _plan;
    private readonly PrimitiveType[] _partitionTypes;
    private readonly int _specId;
    private readonly ManifestFile? _manifest;
    private readonly bool _columnStats;
    private readonly Func<int, PartitionData, bool>? _partitionFilter;
    private const int MaxPresize = 4096;

    /// <summary>How many distinct partition tuples one manifest's entries share (by their encoded bytes).</summary>
    private const int MaxSharedPartitions = 4096;

    private readonly Dictionary<byte[], PartitionData> _partitions;
    private readonly Dictionary<byte[], PartitionData>.AlternateLookup<ReadOnlySpan<byte>> _partitionsByEncoding;

    private long _position;

    // columnStats false skips the per-column maps (sizes, counts, bounds) and split offsets without decoding them.
    public ManifestEntryDecoder(
        RecordSchema writerSchema, int specId, ManifestFile? manifest, bool columnStats = true, Func<int, PartitionData, bool>? partitionFilter = null)
    {
        _columnStats = columnStats;
        _partitionFilter = partitionFilter;
        _partitions = new Dictionary<byte[], PartitionData>(EncodedBytesComparer.Instance);
        _partitionsByEncoding = _partitions.GetAlternateLookup<ReadOnlySpan<byte>>();
        RecordSchema partition = FindPartitionRecord(writerSchema);
        _partitionTypes = [.. partition.Fields.Select(f => PartitionAvroTypes.ToIcebergType(f.Schema, f.Name))];
        _plan = AvroResolver.Resolve(writerSchema, EntryReaderSchema(partition));
        _specId = specId;
        _manifest = manifest;
    }

    /// <summary>The partition struct as stored: field ids, names and types of the writer's <c>r102</c> record.</summary>
    public static StructType PartitionType(RecordSchema writerSchema)
    {
        RecordSchema partition = FindPartitionRecord(writerSchema);
        return new StructType(partition.Fields.Select(f => NestedField.Optional(
            f.FieldId ?? throw new FloeException(FloeErrorKind.InvalidData, $"Manifest partition field '{f.Name}' has no field-id."),
            f.Name,
            PartitionAvroTypes.ToIcebergType(f.Schema, f.Name))));
    }

    public ManifestEntry? Read(ref AvroBinaryReader reader)
    {
        int status = -1;
        bool skipped = false;
        long? snapshotId = null;
        long? sequenceNumber = null;
        long? fileSequenceNumber = null;
        ContentFile? file = null;
        foreach (AvroFieldStep step in _plan.Steps)
        {
            switch (step.ReaderIndex)
            {
                case EntryField.Status:
                    status = step.Plan!.ReadInt(ref reader);
                    break;
                case EntryField.SnapshotId:
                    snapshotId = ReadOptionalLong(step.Plan!, ref reader);
                    break;
                case EntryField.SequenceNumber:
                    sequenceNumber = ReadOptionalLong(step.Plan!, ref reader);
                    break;
                case EntryField.FileSequenceNumber:
                    fileSequenceNumber = ReadOptionalLong(step.Plan!, ref reader);
                    break;
                case EntryField.DataFile:
                    file = ReadFile(step.Plan!, ref reader);
                    skipped = file is null;
                    break;
                default:
                    step.Skip(ref reader);
                    break;
            }
        }

        if (status is < 0 or > 2)
        {
            reader.Throw($"manifest entry status {status} is not 0 (existing), 1 (added) or 2 (deleted)");
        }

        _position++;
        if (skipped)
        {
            return null;
        }

        if (file is null)
        {
            reader.Throw("manifest entry has no data_file");
        }

        var entryStatus = (EntryStatus)status;
        if (_manifest is not null)
        {
            // Inheritance: new entries take the manifest's snapshot and sequence number; v1 manifests have sequence 0.
            snapshotId ??= _manifest.AddedSnapshotId;
            bool inherit = entryStatus == EntryStatus.Added || _manifest.SequenceNumber == 0;
            if (inherit)
            {
                sequenceNumber ??= _manifest.SequenceNumber;
                fileSequenceNumber ??= _manifest.SequenceNumber;
            }
        }

        return new ManifestEntry
        {
            Status = entryStatus,
            SnapshotId = snapshotId,
            DataSequenceNumber = sequenceNumber,
            FileSequenceNumber = fileSequenceNumber,
            File = file,
        };
    }

    /// <summary>The file, or null when the partition filter rejects its partition (the rest of it is skipped).</summary>
    private ContentFile? ReadFile(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        int content = 0;
        // The path is decoded to a string only once the file is known to be kept.
        scoped ReadOnlySpan<byte> pathUtf8 = default;
        bool hasPath = false;
        bool rejected = false;
        FileFormat? fileFormat = null;
        string? unknownFormat = null;
        PartitionData partition = PartitionData.Empty;
        long recordCount = -1;
        long fileSize = -1;
        Dictionary<int, long>? columnSizes = null, valueCounts = null, nullCounts = null, nanCounts = null;
        Dictionary<int, byte[]>? lowerBounds = null, upperBounds = null;
        byte[]? keyMetadata = null;
        List<long>? splitOffsets = null;
        List<int>? equalityIds = null;
        int? sortOrderId = null;
        string? referenced = null;
        long? contentOffset = null, contentSize = null;
        foreach (AvroFieldStep step in plan.Steps)
        {
            AvroReadPlan field = step.Plan!;
            if (rejected || (!_columnStats && IsColumnStats(step.ReaderIndex)))
            {
                step.Skip(ref reader);
                continue;
            }

            switch (step.ReaderIndex)
            {
                case FileField.Content:
                    content = field.ReadInt(ref reader);
                    break;
                case FileField.FilePath:
                    pathUtf8 = field.ReadBytes(ref reader);
                    hasPath = true;
                    break;
                case FileField.FileFormat:
                    ReadOnlySpan<byte> format = field.ReadBytes(ref reader);
                    if (FileFormats.TryParse(format, out FileFormat parsed))
                    {
                        fileFormat = parsed;
                    }
                    else
                    {
                        unknownFormat = System.Text.Encoding.UTF8.GetString(format);
                    }

                    break;
                case FileField.Partition:
                    partition = ReadSharedPartition(step, ref reader);
                    rejected = _partitionFilter is not null && !_partitionFilter(_specId, partition);
                    break;
                case FileField.RecordCount:
                    recordCount = field.ReadLong(ref reader);
                    break;
                case FileField.FileSizeInBytes:
                    fileSize = field.ReadLong(ref reader);
                    break;
                case FileField.ColumnSizes:
                    columnSizes = ReadLongMap(field, ref reader);
                    break;
                case FileField.ValueCounts:
                    valueCounts = ReadLongMap(field, ref reader);
                    break;
                case FileField.NullValueCounts:
                    nullCounts = ReadLongMap(field, ref reader);
                    break;
                case FileField.NanValueCounts:
                    nanCounts = ReadLongMap(field, ref reader);
                    break;
                case FileField.LowerBounds:
                    lowerBounds = ReadBytesMap(field, ref reader);
                    break;
                case FileField.UpperBounds:
                    upperBounds = ReadBytesMap(field, ref reader);
                    break;
                case FileField.KeyMetadata:
                    keyMetadata = ReadOptionalBytes(field, ref reader);
                    break;
                case FileField.SplitOffsets:
                    splitOffsets = ReadLongs(field, ref reader);
                    break;
                case FileField.EqualityIds:
                    equalityIds = ReadInts(field, ref reader);
                    break;
                case FileField.SortOrderId:
                    sortOrderId = ReadOptionalInt(field, ref reader);
                    break;
                case FileField.ReferencedDataFile:
                    field.ReadUnion(ref reader, out AvroReadPlan text);
                    referenced = text.Action == AvroReadAction.Null ? null : text.ReadString(ref reader);
                    break;
                case FileField.ContentOffset:
                    contentOffset = ReadOptionalLong(field, ref reader);
                    break;
                case FileField.ContentSizeInBytes:
                    contentSize = ReadOptionalLong(field, ref reader);
                    break;
                default:
                    step.Skip(ref reader);
                    break;
            }
        }

        if (rejected)
        {
            return null;
        }

        string? path = hasPath ? DecodePath(pathUtf8, ref reader) : null;
        if (unknownFormat is not null)
        {
            reader.Throw($"data_file {path} has unknown file_format '{unknownFormat}'");
        }

        if (path is null || fileFormat is null)
        {
            reader.Throw("data_file lacks file_path or file_format");
        }

        if (recordCount < 0 || fileSize < 0)
        {
            reader.Throw($"data_file {path} has a negative record count or size");
        }

        switch (content)
        {
            case (int)FileContent.Data:
                return new DataFile
                {
                    FilePath = path, Format = fileFormat.Value, SpecId = _specId, Partition = partition, RecordCount = recordCount,
                    FileSizeInBytes = fileSize, ColumnSizes = columnSizes, ValueCounts = valueCounts, NullValueCounts = nullCounts,
                    NanValueCounts = nanCounts, LowerBounds = lowerBounds, UpperBounds = upperBounds, KeyMetadata = keyMetadata,
                    SplitOffsets = splitOffsets, SortOrderId = sortOrderId, Position = _position,
                };
            case (int)FileContent.PositionDeletes or (int)FileContent.EqualityDeletes:
                return new DeleteFile
                {
                    DeleteContent = (FileContent)content,
                    FilePath = path, Format = fileFormat.Value, SpecId = _specId, Partition = partition, RecordCount = recordCount,
                    FileSizeInBytes = fileSize, ColumnSizes = columnSizes, ValueCounts = valueCounts, NullValueCounts = nullCounts,
                    NanValueCounts = nanCounts, LowerBounds = lowerBounds, UpperBounds = upperBounds, KeyMetadata = keyMetadata,
                    SplitOffsets = splitOffsets, SortOrderId = sortOrderId, Position = _position,
                    EqualityIds = equalityIds, ReferencedDataFile = referenced, ContentOffset = contentOffset, ContentSizeInBytes = contentSize,
                };
            default:
                reader.Throw($"data_file {path} has content {content}, not 0 (data), 1 (position deletes) or 2 (equality deletes)");
                return null;
        }
    }

    private static string DecodePath(scoped ReadOnlySpan<byte> utf8, ref AvroBinaryReader reader)
    {
        try
        {
            return s_strictUtf8.GetString(utf8);
        }
        catch (System.Text.DecoderFallbackException)
        {
            reader.Throw("data_file file_path is not valid UTF-8");
            return string.Empty;
        }
    }

    private static bool IsColumnStats(int field) => field is FileField.ColumnSizes or FileField.ValueCounts or FileField.NullValueCounts
        or FileField.NanValueCounts or FileField.LowerBounds or FileField.UpperBounds or FileField.SplitOffsets;

    /// <summary>
    /// The entry's partition, one object for every entry of the manifest with the same encoded tuple: the entries of
    /// a manifest mostly repeat a few partitions, and a reader that skips an entry then allocates nothing for it.
    /// </summary>
    private PartitionData ReadSharedPartition(AvroFieldStep step, ref AvroBinaryReader reader)
    {
        if (_partitionTypes.Length == 0)
        {
            return ReadPartition(step.Plan!, ref reader);
        }

        int start = reader.Position;
        step.Skip(ref reader);
        int length = reader.Position - start;
        reader.Position = start;
        scoped ReadOnlySpan<byte> encoded = reader.ReadFixed(length);
        if (_partitionsByEncoding.TryGetValue(encoded, out PartitionData? shared))
        {
            return shared;
        }

        reader.Position = start;
        PartitionData partition = ReadPartition(step.Plan!, ref reader);
        if (_partitions.Count < MaxSharedPartitions)
        {
            _partitionsByEncoding[encoded] = partition;
        }

        return partition;
    }

    private PartitionData ReadPartition(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        if (_partitionTypes.Length == 0)
        {
            return PartitionData.Empty;
        }

        var data = new PartitionData(_partitionTypes.Length);
        foreach (AvroFieldStep step in plan.Steps)
        {
            if (step.ReaderIndex < 0)
            {
                step.Skip(ref reader);
                continue;
            }

            data[step.ReaderIndex] = PartitionValueCodec.Read(step.Plan!, ref reader, _partitionTypes[step.ReaderIndex]);
        }

        return data;
    }

    internal static RecordSchema FindPartitionRecord(RecordSchema entry)
    {
        AvroField? dataFile = entry.Fields.FirstOrDefault(f => f.FieldId == 2) ?? entry.GetField("data_file");
        AvroField? partition = (dataFile?.Schema as RecordSchema)?.Fields.FirstOrDefault(f => f.FieldId == 102)
            ?? (dataFile?.Schema as RecordSchema)?.GetField("partition");
        return partition?.Schema as RecordSchema
            ?? throw new FloeException(FloeErrorKind.InvalidData, "The manifest schema has no data_file.partition record (field ids 2 and 102).");
    }

    private static long? ReadOptionalLong(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan value);
        return value.Action == AvroReadAction.Null ? null : value.ReadLong(ref reader);
    }

    private static int? ReadOptionalInt(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan value);
        return value.Action == AvroReadAction.Null ? null : value.ReadInt(ref reader);
    }

    private static byte[]? ReadOptionalBytes(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan value);
        return value.Action == AvroReadAction.Null ? null : value.ReadBytes(ref reader).ToArray();
    }

    private static Dictionary<int, long>? ReadLongMap(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan array);
        if (array.Action == AvroReadAction.Null)
        {
            return null;
        }

        var map = new Dictionary<int, long>();
        ReadOnlySpan<AvroFieldStep> steps = array.Items!.Steps;
        for (long n = array.ReadBlockCount(ref reader); n != 0; n = array.ReadBlockCount(ref reader))
        {
            // Block counts are checked against the bytes left, so presizing cannot be driven past the input's size.
            map.EnsureCapacity(map.Count + (int)Math.Min(n, MaxPresize));
            for (long i = 0; i < n; i++)
            {
                int key = 0;
                long value = 0;
                foreach (AvroFieldStep step in steps)
                {
                    switch (step.ReaderIndex)
                    {
                        case 0:
                            key = step.Plan!.ReadInt(ref reader);
                            break;
                        case 1:
                            value = step.Plan!.ReadLong(ref reader);
                            break;
                        default:
                            step.Skip(ref reader);
                            break;
                    }
                }

                map[key] = value;
            }
        }

        return map;
    }

    private static Dictionary<int, byte[]>? ReadBytesMap(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan array);
        if (array.Action == AvroReadAction.Null)
        {
            return null;
        }

        var map = new Dictionary<int, byte[]>();
        ReadOnlySpan<AvroFieldStep> steps = array.Items!.Steps;
        for (long n = array.ReadBlockCount(ref reader); n != 0; n = array.ReadBlockCount(ref reader))
        {
            // Block counts are checked against the bytes left, so presizing cannot be driven past the input's size.
            map.EnsureCapacity(map.Count + (int)Math.Min(n, MaxPresize));
            for (long i = 0; i < n; i++)
            {
                int key = 0;
                byte[] value = [];
                foreach (AvroFieldStep step in steps)
                {
                    switch (step.ReaderIndex)
                    {
                        case 0:
                            key = step.Plan!.ReadInt(ref reader);
                            break;
                        case 1:
                            value = step.Plan!.ReadBytes(ref reader).ToArray();
                            break;
                        default:
                            step.Skip(ref reader);
                            break;
                    }
                }

                map[key] = value;
            }
        }

        return map;
    }

    private static List<long>? ReadLongs(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan array);
        if (array.Action == AvroReadAction.Null)
        {
            return null;
        }

        var items = new List<long>();
        for (long n = array.ReadBlockCount(ref reader); n != 0; n = array.ReadBlockCount(ref reader))
        {
            for (long i = 0; i < n; i++)
            {
                items.Add(array.Items!.ReadLong(ref reader));
            }
        }

        return items;
    }

    private static List<int>? ReadInts(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan array);
        if (array.Action == AvroReadAction.Null)
        {
            return null;
        }

        var items = new List<int>();
        for (long n = array.ReadBlockCount(ref reader); n != 0; n = array.ReadBlockCount(ref reader))
        {
            for (long i = 0; i < n; i++)
            {
                items.Add(array.Items!.ReadInt(ref reader));
            }
        }

        return items;
    }
}
