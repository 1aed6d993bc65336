namespace Floe.Common.Columnar;

/// <summary>A set of equally long column vectors with their fields: the unit in which data flows through Floe.</summary>
public sealed class ColumnBatch : IDisposable
{
    private readonly ColumnVector[] _columns;

    public ColumnBatch(IReadOnlyList<ColumnField> fields, IReadOnlyList<ColumnVector> columns)
    {
        if (fields.Count != columns.Count)
        {
            throw new ArgumentException($"{fields.Count} fields but {columns.Count} columns", nameof(columns));
        }

        for (int i = 0; i < fields.Count; i++)
        {
            if (!fields[i].Type.Equals(columns[i].Type))
            {
                throw new ArgumentException($"column {fields[i].Name} is declared {fields[i].Type} but holds {columns[i].Type}", nameof(columns));
            }
        }

        Fields = [.. fields];
        _columns = [.. columns];
    }

    /// <summary>Creates an empty batch with a new vector per field.</summary>
    public static ColumnBatch Create(IReadOnlyList<ColumnField> fields, int capacity = 0) =>
        new(fields, [.. fields.Select(field => ColumnVector.Create(field.Type, capacity))]);

    public IReadOnlyList<ColumnField> Fields { get; }

    public IReadOnlyList<ColumnVector> Columns => _columns;

    /// <summary>Number of rows; every column has this length once the batch is complete.</summary>
    public int RowCount => _columns.Length == 0 ? 0 : _columns[0].Length;

    public ColumnVector Column(int index) => _columns[index];

    /// <summary>Bytes of the arrays the columns hold (see <see cref="ColumnVector.AllocatedBytes"/>).</summary>
    public long AllocatedBytes => _columns.Sum(c => c.AllocatedBytes);

    /// <summary>The column named <paramref name="name"/> (ordinal comparison).</summary>
    public ColumnVector Column(string name)
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.Ordinal))
            {
                return _columns[i];
            }
        }

        throw new KeyNotFoundException($"no column named '{name}'; columns are {string.Join(", ", Fields.Select(f => f.Name))}");
    }

    /// <summary>Checks that every column has the same length.</summary>
    public void Validate()
    {
        for (int i = 1; i < _columns.Length; i++)
        {
            if (_columns[i].Length != _columns[0].Length)
            {
                throw new InvalidOperationException(
                    $"column {Fields[i].Name} has {_columns[i].Length} rows but {Fields[0].Name} has {_columns[0].Length}");
            }
        }
    }

    /// <summary>Empties every column, keeping buffers for the next batch.</summary>
    public void Reset()
    {
        foreach (ColumnVector column in _columns)
        {
            column.Reset();
        }
    }

    public void Dispose()
    {
        foreach (ColumnVector column in _columns)
        {
            column.Dispose();
        }
    }
}
