using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Table.Data.Metrics;

/// <summary>
/// The metrics mode of every column, from the table properties <c>write.metadata.metrics.default</c>,
/// <c>write.metadata.metrics.column.&lt;name&gt;</c> and <c>write.metadata.metrics.max-inferred-column-defaults</c>.
/// Without an explicit default, only the first <c>max-inferred-column-defaults</c> (100) leaf columns get
/// <c>truncate(16)</c> and the others <c>none</c>, so wide tables keep manifests small.
/// </summary>
public sealed class MetricsConfig
{
    private readonly Dictionary<int, MetricsMode> _byFieldId;
    private readonly MetricsMode _fallback;

    private MetricsConfig(Dictionary<int, MetricsMode> byFieldId, MetricsMode fallback)
    {
        _byFieldId = byFieldId;
        _fallback = fallback;
    }

    /// <summary>Every column at <c>truncate(16)</c>.</summary>
    public static MetricsConfig Default { get; } = new([], MetricsMode.Default);

    /// <summary>Every column with exact bounds: position delete files, whose path and position bounds drive pruning.</summary>
    public static MetricsConfig Full { get; } = new([], MetricsMode.Full);

    /// <summary>Builds the configuration of <paramref name="schema"/>'s columns from table properties.</summary>
    public static MetricsConfig FromProperties(Schema schema, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(properties);
        var byId = new Dictionary<int, MetricsMode>();
        MetricsMode fallback;
        if (MetricsProperties.DefaultMode.Read(properties) is MetricsMode configured)
        {
            fallback = configured;
        }
        else
        {
            int limit = MetricsProperties.MaxInferredColumnDefaults.Read(properties);
            fallback = MetricsMode.None;
            int assigned = 0;
            foreach (int leafId in LeafIds(schema.AsStruct))
            {
                if (assigned++ >= limit)
                {
                    break;
                }

                byId[leafId] = MetricsMode.Default;
            }
        }

        foreach ((string key, string value) in properties)
        {
            string prefix = MetricsProperties.ColumnMode.Key;
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            string column = key[prefix.Length..];
            NestedField? field = schema.FindField(column);
            if (field is not null)
            {
                // A column that no longer exists keeps its stale property harmlessly, as in other Iceberg writers.
                byId[field.Id] = MetricsProperties.ColumnMode.Parse(key, value)!.Value;
            }
        }

        return new MetricsConfig(byId, fallback);
    }

    /// <summary>The mode of the column with <paramref name="fieldId"/>.</summary>
    public MetricsMode ModeOf(int fieldId) => _byFieldId.TryGetValue(fieldId, out MetricsMode mode) ? mode : _fallback;

    private static IEnumerable<int> LeafIds(IcebergType type)
    {
        foreach (NestedField child in type.ChildFields)
        {
            if (child.Type.IsPrimitive)
            {
                yield return child.Id;
            }
            else
            {
                foreach (int id in LeafIds(child.Type))
                {
                    yield return id;
                }
            }
        }
    }
}
