namespace Floe.Avro.Schemas;

/// <summary>A record: an ordered list of named fields.</summary>
public sealed class RecordSchema : NamedSchema
{
    private AvroField[] _fields = [];
    private Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private bool _fieldsSet;

    /// <summary>A record with <paramref name="fields"/> (pass none and call <see cref="SetFields"/> for a recursive record).</summary>
    public RecordSchema(string name, string? space = null, IReadOnlyList<AvroField>? fields = null, string? doc = null,
        IReadOnlyList<string>? aliases = null, IReadOnlyList<AvroProperty>? properties = null, bool isError = false)
        : base(AvroTypeKind.Record, name, space, doc, aliases, properties)
    {
        IsError = isError;
        LogicalType = AvroLogicalType.From(AvroTypeKind.Record, Properties, 0);
        if (fields is not null)
        {
            SetFields(fields);
        }
    }

    /// <summary>The fields, in order.</summary>
    public IReadOnlyList<AvroField> Fields => _fields;

    /// <summary>The fields as an array, for hot loops (no interface dispatch or enumerator).</summary>
    internal AvroField[] FieldArray => _fields;

    /// <summary>True for an Avro <c>error</c> (a record in protocols).</summary>
    public bool IsError { get; }

    /// <summary>Sets the fields once; allows a record to refer to itself.</summary>
    /// <exception cref="InvalidOperationException">The fields were already set.</exception>
    public void SetFields(IReadOnlyList<AvroField> fields)
    {
        if (_fieldsSet)
        {
            throw new InvalidOperationException($"the fields of record '{FullName}' are already set");
        }

        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var array = new AvroField[fields.Count];
        for (int i = 0; i < fields.Count; i++)
        {
            AvroField field = fields[i];
            if (!byName.TryAdd(field.Name, i))
            {
                throw new AvroException($"record '{FullName}' has two fields named '{field.Name}'");
            }

            field.Position = i;
            array[i] = field;
        }

        _fields = array;
        _byName = byName;
        _fieldsSet = true;
    }

    /// <summary>The field named <paramref name="name"/> (not aliases), or null.</summary>
    public AvroField? GetField(string name) => _byName.TryGetValue(name, out int index) ? _fields[index] : null;

    /// <summary>The position of the field named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => _byName.TryGetValue(name, out int index) ? index : -1;
}
