using Floe.Common.Errors;

namespace Floe.Core.Properties;

/// <summary>
/// A table property Floe reads: its key, default, the values it accepts and a one-line description. Every
/// declaration is listed by <see cref="TablePropertyRegistry"/>, which validates values on create and alter and
/// renders <c>docs/table-properties.md</c>.
/// </summary>
public abstract class TableProperty
{
    private protected TableProperty(string key, string group, string description)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
        Group = group;
        Description = description;
    }

    public string Key { get; }

    /// <summary>The area the property belongs to (a section of the generated page).</summary>
    public string Group { get; }

    public string Description { get; }

    /// <summary>Whether <see cref="Key"/> is a prefix completed by a name (per-column properties).</summary>
    public bool IsPrefix { get; init; }

    /// <summary>An older spelling read when <see cref="Key"/> is absent, or null.</summary>
    public string? LegacyKey => SelfOptimizingProperties.LegacyKeyOf(Key);

    /// <summary>The default as the generated page shows it.</summary>
    public abstract string DefaultText { get; }

    /// <summary>The values accepted, as a phrase ("a whole number from 1").</summary>
    public abstract string Allowed { get; }

    /// <summary>Checks a value set under <paramref name="key"/> (this key, its legacy spelling or a prefixed name).</summary>
    /// <exception cref="FloeException">The value is not allowed (InvalidArgument, naming the key).</exception>
    public abstract void Validate(string key, string text);

    /// <summary>The error for a value this property does not accept.</summary>
    public FloeException Invalid(string key, string text) =>
        new(FloeErrorKind.InvalidArgument, $"Invalid table property {key}='{text}': expected {Allowed}.");

    public override string ToString() => Key;
}

/// <summary>A table property whose value reads as a <typeparamref name="T"/>.</summary>
public abstract class TableProperty<T> : TableProperty
{
    protected TableProperty(string key, T defaultValue, string group, string description)
        : base(key, group, description)
    {
        Default = defaultValue;
    }

    public T Default { get; }

    public override string DefaultText => Default is null ? "(none)" : Format(Default);

    /// <summary>Parses a trimmed value; false when it is not allowed.</summary>
    protected abstract bool TryParse(string text, out T value);

    /// <summary>The default's text as the generated page shows it.</summary>
    protected virtual string Format(T value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>Parses a value set under <paramref name="key"/>.</summary>
    /// <exception cref="FloeException">The value is not allowed (InvalidArgument, naming the key).</exception>
    public T Parse(string key, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.Trim(), out T value) ? value : throw Invalid(key, text);
    }

    /// <summary>The value in <paramref name="properties"/> (under the key or its legacy spelling), else the default.</summary>
    public T Read(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (properties.TryGetValue(Key, out string? text))
        {
            return Parse(Key, text);
        }

        return LegacyKey is { } legacy && properties.TryGetValue(legacy, out text) ? Parse(legacy, text) : Default;
    }

    public override void Validate(string key, string text) => Parse(key, text);
}
