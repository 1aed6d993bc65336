using System.Text;
using Floe.Avro.Binary;
using Floe.Avro.Codecs;
using Floe.Avro.Schemas;

namespace Floe.Avro.Container;

/// <summary>Encodes and decodes the container header: magic, metadata map, sync marker.</summary>
internal static class AvroHeaderCodec
{
    public static void Write(AvroBufferWriter writer, IReadOnlyList<KeyValuePair<string, byte[]>> metadata, ReadOnlySpan<byte> sync)
    {
        writer.WriteFixed(AvroContainerFormat.Magic);
        writer.WriteBlockCount(metadata.Count);
        foreach (KeyValuePair<string, byte[]> entry in metadata)
        {
            writer.WriteString(entry.Key);
            writer.WriteBytes(entry.Value);
        }

        writer.WriteBlockCount(0);
        writer.WriteFixed(sync);
    }

    /// <summary>Parses a header from the start of <paramref name="data"/>; throws when it is incomplete or invalid.</summary>
    public static AvroContainerHeader Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || !data[..4].SequenceEqual(AvroContainerFormat.Magic))
        {
            throw new AvroException(data.Length < 4
                ? $"not an Avro container file: only {data.Length} bytes"
                : "not an Avro container file (its first bytes are not the Avro magic)");
        }

        var reader = new AvroBinaryReader(data[4..], 4);
        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (long count = reader.ReadBlockCount(2); count != 0; count = reader.ReadBlockCount(2))
        {
            for (long i = 0; i < count; i++)
            {
                string key = reader.ReadString();
                byte[] value = reader.ReadBytes();
                if (!metadata.TryAdd(key, value))
                {
                    reader.Throw($"header metadata repeats the key '{key}'");
                }
            }
        }

        byte[] sync = reader.ReadFixed(AvroContainerFormat.SyncSize).ToArray();
        if (!metadata.TryGetValue(AvroContainerFormat.SchemaKey, out byte[]? schemaBytes))
        {
            throw new AvroException("the container header has no avro.schema");
        }

        string schemaJson = Encoding.UTF8.GetString(schemaBytes);
        AvroSchema schema;
        try
        {
            schema = AvroSchema.Parse(schemaJson);
        }
        catch (AvroException ex)
        {
            throw new AvroException($"the header's avro.schema is invalid: {ex.Message}", ex);
        }

        string? codecName = metadata.TryGetValue(AvroContainerFormat.CodecKey, out byte[]? codecBytes) ? Encoding.UTF8.GetString(codecBytes) : null;
        return new AvroContainerHeader(schema, schemaJson, AvroCodecs.Get(codecName), metadata, sync, 4 + reader.Position);
    }
}
