namespace Floe.Avro.Schemas;

/// <summary>An enum: a named list of symbols, optionally with a default symbol used when resolution finds no match.</summary>
public sealed class EnumSchema : NamedSchema
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    public EnumSchema(string name, IReadOnlyList<string> symbols, string? space = null, string? defaultSymbol = null,
        string? doc = null, IReadOnlyList<string>? aliases = null, IReadOnlyList<AvroProperty>? properties = null)
        : base(AvroTypeKind.Enum, name, space, doc, aliases, properties)
    {
        Symbols = [.. symbols];
        for (int i = 0; i < Symbols.Count; i++)
        {
            if (!AvroSchemaNames.IsValidName(Symbols[i]))
            {
                throw new AvroException($"enum '{FullName}' has an invalid symbol '{Symbols[i]}'");
            }

            if (!_indexes.TryAdd(Symbols[i], i))
            {
                throw new AvroException($"enum '{FullName}' repeats the symbol '{Symbols[i]}'");
            }
        }

        if (defaultSymbol is not null && !_indexes.ContainsKey(defaultSymbol))
        {
            throw new AvroException($"enum '{FullName}' has a default '{defaultSymbol}' that is not one of its symbols");
        }

        Default = defaultSymbol;
        LogicalType = AvroLogicalType.From(AvroTypeKind.Enum, Properties, 0);
    }

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The symbol a reader uses for a writer's symbol it does not know, or null.</summary>
    public string? Default { get; }

    /// <summary>The index of <paramref name="symbol"/>, or -1.</summary>
    public int IndexOf(string symbol) => _indexes.TryGetValue(symbol, out int index) ? index : -1;
}
