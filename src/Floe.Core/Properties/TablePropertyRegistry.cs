using System.Reflection;
using Floe.Common.Errors;

namespace Floe.Core.Properties;

/// <summary>
/// Every table property Floe reads, from the declaration classes in this namespace. Unknown keys are allowed (as
/// Iceberg allows them); a known key with a value its declaration refuses is an InvalidArgument error.
/// </summary>
public static class TablePropertyRegistry
{
    private static readonly Type[] Declarations =
    [
        typeof(IcebergWriteProperties), typeof(RowLevelWriteProperties), typeof(IcebergReadProperties), typeof(CommitRetryProperties),
        typeof(ManifestProperties), typeof(MetadataProperties), typeof(MetricsProperties), typeof(PrimaryKeyProperties),
        typeof(SelfOptimizingProperties), typeof(MaintenanceProperties),
    ];

    private static readonly Dictionary<string, TableProperty> ByKey = BuildIndex();

    /// <summary>The declarations, area by area in declaration order.</summary>
    public static IReadOnlyList<TableProperty> All { get; } = [.. Declarations.SelectMany(Fields)];

    /// <summary>The declaration of <paramref name="key"/> (its own key, its legacy spelling or a prefixed name), or null.</summary>
    public static TableProperty? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (ByKey.TryGetValue(key, out TableProperty? property))
        {
            return property;
        }

        return All.FirstOrDefault(p => p.IsPrefix && key.Length > p.Key.Length && key.StartsWith(p.Key, StringComparison.Ordinal));
    }

    /// <summary>Checks every known key's value in <paramref name="properties"/>.</summary>
    /// <exception cref="FloeException">A value is not allowed (InvalidArgument, naming the key, the value and what is allowed).</exception>
    public static void Validate(IEnumerable<KeyValuePair<string, string>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        foreach (var (key, value) in properties)
        {
            Find(key)?.Validate(key, value);
        }
    }

    private static IEnumerable<TableProperty> Fields(
        [System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields)] Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => typeof(TableProperty).IsAssignableFrom(f.FieldType))
            .OrderBy(f => f.MetadataToken)
            .Select(f => (TableProperty)f.GetValue(null)!);

    private static Dictionary<string, TableProperty> BuildIndex()
    {
        var index = new Dictionary<string, TableProperty>(StringComparer.Ordinal);
        foreach (var property in Declarations.SelectMany(Fields).Where(p => !p.IsPrefix))
        {
            if (!index.TryAdd(property.Key, property))
            {
                throw new InvalidOperationException($"Table property {property.Key} is declared twice.");
            }

            if (property.LegacyKey is { } legacy)
            {
                index.Add(legacy, property);
            }
        }

        return index;
    }
}
