using Floe.Avro.Binary;
using Floe.Avro.Schemas;

namespace Floe.Avro.Resolution;

/// <summary>
/// One writer field of a resolved record, in the writer's order: read it into the reader field
/// <see cref="ReaderIndex"/> with <see cref="Plan"/>, or skip it when the reader has no such field (-1).
/// </summary>
public sealed class AvroFieldStep
{
    internal AvroFieldStep(AvroField writerField, int readerIndex, AvroReadPlan? plan)
    {
        WriterField = writerField;
        ReaderIndex = readerIndex;
        Plan = plan;
    }

    public AvroField WriterField { get; }

    /// <summary>The reader field's position, or -1 when the writer field is skipped.</summary>
    public int ReaderIndex { get; }

    /// <summary>How to read the value (null when skipped).</summary>
    public AvroReadPlan? Plan { get; }

    /// <summary>Skips the writer's value.</summary>
    public void Skip(ref AvroBinaryReader reader) => AvroSkipper.Skip(ref reader, WriterField.Schema);
}
