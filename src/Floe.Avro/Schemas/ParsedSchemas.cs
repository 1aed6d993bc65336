using System.Collections.Concurrent;

namespace Floe.Avro.Schemas;

/// <summary>
/// Parsed schemas by their JSON text. Iceberg writes and reads the same few schemas (manifest entries per partition
/// type, manifest lists) in every file, and parsing one costs more than the rest of opening a small file. The cache is
/// bounded: past its size it starts over, so a process reading many distinct schemas keeps only recent ones.
/// </summary>
internal static class ParsedSchemas
{
    private const int Capacity = 256;

    private static readonly ConcurrentDictionary<string, AvroSchema> Cache = new(StringComparer.Ordinal);

    public static AvroSchema GetOrParse(string json)
    {
        if (Cache.TryGetValue(json, out AvroSchema? cached))
        {
            return cached;
        }

        AvroSchema parsed = AvroSchemaParser.Parse(json);
        if (Cache.Count >= Capacity)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(json, parsed);
    }
}
