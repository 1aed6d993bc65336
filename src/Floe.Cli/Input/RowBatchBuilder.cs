using Floe.Common.Columnar;
using Floe.Core.Schemas;
using Floe.Table.Data.Columns;

namespace Floe.Cli.Input;

/// <summary>Collects rows of text values into a column batch in a table's schema.</summary>
internal sealed class RowBatchBuilder
{
    private readonly Schema _schema;
    private readonly IReadOnlyList<ColumnField> _fields;
    private readonly int _capacity;

    public RowBatchBuilder(Schema schema, int capacity)
    {
        _schema = schema;
        _fields = IcebergColumns.ToColumnFields(schema);
        _capacity = capacity;
        Start();
    }

    public ColumnBatch Batch { get; private set; } = null!;

    /// <summary>One appender per top-level column, in schema order.</summary>
    public TextValueAppender[] Appenders { get; private set; } = [];

    public int RowCount => Batch.RowCount;

    public bool IsFull => Batch.RowCount >= _capacity;

    /// <summary>Hands over the filled batch and starts a new one.</summary>
    public ColumnBatch Take()
    {
        ColumnBatch full = Batch;
        Start();
        return full;
    }

    private void Start()
    {
        Batch = ColumnBatch.Create(_fields, _capacity);
        Appenders = [.. _schema.Columns.Select((field, i) => new TextValueAppender(field, Batch.Column(i)))];
    }
}
