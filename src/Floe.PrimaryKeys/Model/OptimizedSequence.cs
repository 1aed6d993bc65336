using System.Runtime.CompilerServices;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.PrimaryKeys.Model;

/// <summary>
/// Per partition (by partition path, "" when unpartitioned), the highest change transaction merged into base: the
/// <see cref="PrimaryKeyTableProperties.OptimizedSequence"/> summary of base snapshots written by optimizing, as a JSON
/// object. Partitions not listed are at 0 (nothing merged).
/// </summary>
public sealed class OptimizedSequence
{
    private static readonly ConditionalWeakTable<string, OptimizedSequence> s_parsed = new();

    private readonly Dictionary<string, long> _points;

    public OptimizedSequence(IReadOnlyDictionary<string, long> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = new Dictionary<string, long>(points, StringComparer.Ordinal);
    }

    /// <summary>Nothing merged anywhere.</summary>
    public static OptimizedSequence None { get; } = new(new Dictionary<string, long>());

    public IReadOnlyDictionary<string, long> Points => _points;

    /// <summary>The highest point of any partition (0 when none).</summary>
    public long Max => _points.Count == 0 ? 0 : _points.Values.Max();

    /// <summary>The optimized point of a partition.</summary>
    public long Of(string partitionPath) => _points.GetValueOrDefault(partitionPath);

    /// <summary>A copy with some partitions' points set.</summary>
    public OptimizedSequence With(IEnumerable<KeyValuePair<string, long>> updates)
    {
        var points = new Dictionary<string, long>(_points, StringComparer.Ordinal);
        foreach ((string partition, long point) in updates)
        {
            points[partition] = point;
        }

        return new OptimizedSequence(points);
    }

    /// <summary>The summary value: a JSON object of partition path to transaction id, keys sorted.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach ((string partition, long point) in _points.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(partition, point);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static OptimizedSequence Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FloeException(FloeErrorKind.InvalidData, $"{PrimaryKeyTableProperties.OptimizedSequence} must be a JSON object, got: {json}");
            }

            var points = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt64(out long point) || point < 0)
                {
                    throw new FloeException(FloeErrorKind.InvalidData, $"{PrimaryKeyTableProperties.OptimizedSequence} of partition '{property.Name}' must be a non-negative integer, got {property.Value}.");
                }

                points[property.Name] = point;
            }

            return new OptimizedSequence(points);
        }
        catch (JsonException e)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"{PrimaryKeyTableProperties.OptimizedSequence} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// The points as of a base snapshot: from the snapshot itself or its nearest ancestor that has the summary key.
    /// </summary>
    public static OptimizedSequence Of(TableMetadata baseMetadata, Snapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(baseMetadata);
        for (Snapshot? current = snapshot; current is not null; current = current.ParentSnapshotId is long parent ? baseMetadata.SnapshotById(parent) : null)
        {
            if (current.Summary.TryGetValue(PrimaryKeyTableProperties.OptimizedSequence, out string? json))
            {
                // Every query asks again of the same loaded snapshot: its summary's string is parsed once.
                return s_parsed.GetValue(json, static text => Parse(text));
            }
        }

        return None;
    }

    public override string ToString() => ToJson();
}
