using Floe.Avro.Binary;
using Floe.Avro.Resolution;
using Floe.Avro.Schemas;

namespace Floe.Avro.Generic;

/// <summary>Decodes generic datums (see <see cref="AvroDatum"/>), resolving the writer's schema to the reader's.</summary>
public sealed class GenericDatumReader : IAvroDatumReader<object?>
{
    /// <summary>A reader for data written with <paramref name="writer"/>, read as <paramref name="reader"/> (default: the writer's schema).</summary>
    public GenericDatumReader(AvroSchema writer, AvroSchema? reader = null)
    {
        Plan = AvroResolver.Resolve(writer, reader ?? writer);
    }

    /// <summary>The compiled resolution plan.</summary>
    public AvroReadPlan Plan { get; }

    /// <inheritdoc />
    public object? Read(ref AvroBinaryReader reader) => Plan.ReadDatum(ref reader);
}
