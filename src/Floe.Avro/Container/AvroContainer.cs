using Floe.Avro.Codecs;
using Floe.Avro.Schemas;

namespace Floe.Avro.Container;

/// <summary>One-call helpers over <see cref="AvroContainerReader"/> and <see cref="AvroContainerWriter"/>.</summary>
public static class AvroContainer
{
    /// <summary>Writes <paramref name="records"/> (generic datums) as a container file into a byte array.</summary>
    public static byte[] WriteToArray(AvroSchema schema, IEnumerable<object?> records, AvroCodec? codec = null, AvroContainerWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, schema, (options ?? new AvroContainerWriterOptions()) with
        {
            Codec = codec ?? options?.Codec ?? AvroCodecs.Null,
            LeaveOpen = true,
        }))
        {
            foreach (object? record in records)
            {
                writer.Append(record);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads every record of a container file held in memory as generic datums.</summary>
    public static List<object?> ReadAll(byte[] file, AvroSchema? readerSchema = null)
    {
        using var reader = AvroContainerReader.Open(new MemoryStream(file, writable: false));
        return [.. reader.ReadGeneric(readerSchema)];
    }
}
