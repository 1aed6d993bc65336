namespace Floe.Avro.Generic;

/// <summary>How <see cref="AvroJsonWriter"/> renders values.</summary>
public sealed record AvroJsonOptions
{
    /// <summary>
    /// Render logical types readably (decimal as an exact number, date as <c>yyyy-MM-dd</c>, timestamps and times in
    /// ISO 8601, uuid fixed as text) instead of their underlying values. Needs the schema.
    /// </summary>
    public bool LogicalTypesAsText { get; init; } = true;

    /// <summary>
    /// Wrap non-null union values as <c>{"type": value}</c> as Avro's JSON encoding does; off by default, which prints
    /// the bare value (easier to read, and enough when the schema is known).
    /// </summary>
    public bool WrapUnions { get; init; }

    /// <summary>Indent the output.</summary>
    public bool Indented { get; init; }
}
