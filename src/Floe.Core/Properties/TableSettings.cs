using System.Collections.Concurrent;

namespace Floe.Core.Properties;

/// <summary>
/// The typed values of one metadata's properties: each declared property is parsed on first use and the value
/// kept, so readers on hot paths ask as often as they like. A value that does not parse fails on every ask, naming
/// the key (tables written by other engines may carry values Floe refuses at create and alter).
/// </summary>
public sealed class TableSettings
{
    private readonly IReadOnlyDictionary<string, string> _properties;
    private readonly ConcurrentDictionary<TableProperty, object?> _values = new(ReferenceEqualityComparer.Instance);

    public TableSettings(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        _properties = properties;
    }

    /// <summary>The raw properties these settings are parsed from.</summary>
    public IReadOnlyDictionary<string, string> Properties => _properties;

    /// <summary>The value of <paramref name="property"/>: parsed once, or its default when unset.</summary>
    /// <exception cref="Common.Errors.FloeException">The stored value is not allowed (InvalidArgument, naming the key).</exception>
    public T Get<T>(TableProperty<T> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (_values.TryGetValue(property, out object? cached))
        {
            return (T)cached!;
        }

        T value = property.Read(_properties);
        _values.TryAdd(property, value);
        return value;
    }

    /// <summary>Whether <paramref name="property"/> is set (under its key or legacy spelling).</summary>
    public bool IsSet(TableProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return _properties.ContainsKey(property.Key) || property.LegacyKey is { } legacy && _properties.ContainsKey(legacy);
    }
}
