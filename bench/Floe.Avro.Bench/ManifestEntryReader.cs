using Floe.Avro.Binary;
using Floe.Avro.Resolution;
using Floe.Avro.Schemas;

namespace Floe.Avro.Bench;

/// <summary>
/// Decodes <see cref="ManifestEntry"/> through a compiled resolution plan (writer schema to
/// <see cref="ManifestSchema.Schema"/>, matched by field id): primitives go straight into the typed object.
/// </summary>
public sealed class ManifestEntryReader : IAvroDatumReader<ManifestEntry>
{
    private readonly AvroReadPlan _plan;

    public ManifestEntryReader(AvroSchema writerSchema)
    {
        _plan = AvroResolver.Resolve(writerSchema, ManifestSchema.Schema);
    }

    public ManifestEntry Read(ref AvroBinaryReader reader)
    {
        var entry = new ManifestEntry();
        foreach (AvroFieldStep step in _plan.Steps)
        {
            switch (step.ReaderIndex)
            {
                case 0:
                    entry.Status = step.Plan!.ReadInt(ref reader);
                    break;
                case 1:
                    entry.SnapshotId = ReadNullableLong(step.Plan!, ref reader);
                    break;
                case 2:
                    entry.SequenceNumber = ReadNullableLong(step.Plan!, ref reader);
                    break;
                case 3:
                    entry.FileSequenceNumber = ReadNullableLong(step.Plan!, ref reader);
                    break;
                case 4:
                    entry.DataFile = ReadDataFile(step.Plan!, ref reader);
                    break;
                default:
                    step.Skip(ref reader);
                    break;
            }
        }

        return entry;
    }

    private static DataFile ReadDataFile(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        var file = new DataFile();
        foreach (AvroFieldStep step in plan.Steps)
        {
            AvroReadPlan field = step.Plan!;
            switch (step.ReaderIndex)
            {
                case 0:
                    file.Content = field.ReadInt(ref reader);
                    break;
                case 1:
                    file.FilePath = field.ReadString(ref reader);
                    break;
                case 2:
                    file.FileFormat = field.ReadString(ref reader);
                    break;
                case 3:
                    foreach (AvroFieldStep partitionStep in field.Steps)
                    {
                        if (partitionStep.ReaderIndex == 0)
                        {
                            partitionStep.Plan!.ReadUnion(ref reader, out AvroReadPlan day);
                            file.PartitionDay = day.Action == AvroReadAction.Null ? null : day.ReadInt(ref reader);
                        }
                        else
                        {
                            partitionStep.Skip(ref reader);
                        }
                    }

                    break;
                case 4:
                    file.RecordCount = field.ReadLong(ref reader);
                    break;
                case 5:
                    file.FileSizeInBytes = field.ReadLong(ref reader);
                    break;
                case 6:
                    file.ColumnSizes = ReadLongPairs(field, ref reader);
                    break;
                case 7:
                    file.ValueCounts = ReadLongPairs(field, ref reader);
                    break;
                case 8:
                    file.NullValueCounts = ReadLongPairs(field, ref reader);
                    break;
                case 9:
                    file.LowerBounds = ReadBytePairs(field, ref reader);
                    break;
                case 10:
                    file.UpperBounds = ReadBytePairs(field, ref reader);
                    break;
                case 11:
                    field.ReadUnion(ref reader, out AvroReadPlan offsets);
                    if (offsets.Action != AvroReadAction.Null)
                    {
                        file.SplitOffsets = [];
                        for (long n = offsets.ReadBlockCount(ref reader); n != 0; n = offsets.ReadBlockCount(ref reader))
                        {
                            for (long i = 0; i < n; i++)
                            {
                                file.SplitOffsets.Add(offsets.Items!.ReadLong(ref reader));
                            }
                        }
                    }

                    break;
                default:
                    step.Skip(ref reader);
                    break;
            }
        }

        return file;
    }

    private static long? ReadNullableLong(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan branch);
        return branch.Action == AvroReadAction.Null ? null : branch.ReadLong(ref reader);
    }

    private static List<KeyValuePair<int, long>>? ReadLongPairs(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan array);
        if (array.Action == AvroReadAction.Null)
        {
            return null;
        }

        var pairs = new List<KeyValuePair<int, long>>();
        ReadOnlySpan<AvroFieldStep> steps = array.Items!.Steps;
        for (long n = array.ReadBlockCount(ref reader); n != 0; n = array.ReadBlockCount(ref reader))
        {
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

                pairs.Add(new KeyValuePair<int, long>(key, value));
            }
        }

        return pairs;
    }

    private static List<KeyValuePair<int, byte[]>>? ReadBytePairs(AvroReadPlan plan, ref AvroBinaryReader reader)
    {
        plan.ReadUnion(ref reader, out AvroReadPlan array);
        if (array.Action == AvroReadAction.Null)
        {
            return null;
        }

        var pairs = new List<KeyValuePair<int, byte[]>>();
        ReadOnlySpan<AvroFieldStep> steps = array.Items!.Steps;
        for (long n = array.ReadBlockCount(ref reader); n != 0; n = array.ReadBlockCount(ref reader))
        {
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

                pairs.Add(new KeyValuePair<int, byte[]>(key, value));
            }
        }

        return pairs;
    }
}
