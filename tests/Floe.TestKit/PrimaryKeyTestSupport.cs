using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;
using Floe.Table.Operations;

namespace Floe.TestKit;

/// <summary>One table's metadata shared by any number of operations instances (writers in one process).</summary>
public sealed class MetadataStore(TableMetadata initial)
{
    private readonly Lock _lock = new();

    public TableMetadata Current { get; private set; } = initial;

    public int Commits { get; private set; }

    public TableMetadata Swap(TableMetadata expected, TableMetadata updated)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(expected, Current))
            {
                throw new FloeException(FloeErrorKind.CommitConflict, "the table changed");
            }

            Current = updated;
            Commits++;
            return updated;
        }
    }
}

public sealed class StoreOperations(MetadataStore store) : ITableOperations
{
    private TableMetadata _current = store.Current;

    public IFileIO Io { get; } = new LocalFileIO();

    public TableMetadata Current => _current;

    public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => Task.FromResult(_current = store.Current);

    public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default) =>
        Task.FromResult(_current = store.Swap(baseMetadata, updated));
}

/// <summary>A primary-key table in a temporary folder, openable any number of times.</summary>
public sealed class TestTable : IDisposable
{
    private TestTable(string folder, MetadataStore @base, MetadataStore change)
    {
        Folder = folder;
        Base = @base;
        Change = change;
    }

    public string Folder { get; }

    public MetadataStore Base { get; }

    public MetadataStore Change { get; }

    /// <summary>id long required (key), name string, value int.</summary>
    public static Schema DefaultSchema { get; } = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "value", PrimitiveType.Int),
    ]);

    public static TestTable Create(Schema? schema = null, Func<Schema, PartitionSpec>? spec = null, IReadOnlyDictionary<string, string>? properties = null, string[]? key = null)
    {
        string folder = Path.Combine(Path.GetTempPath(), "floe-mixed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        schema ??= DefaultSchema;
        (TableMetadata b, TableMetadata c) = PrimaryKeyTableMetadata.Create(schema, spec?.Invoke(schema), key ?? ["id"], folder, properties);
        return new TestTable(folder, new MetadataStore(b), new MetadataStore(c));
    }

    public PrimaryKeyTable Open() => new("db.t", new StoreOperations(Base), new StoreOperations(Change));

    public string[] DataFiles(string store) =>
        Directory.Exists(Path.Combine(Folder, store, "data"))
            ? [.. Directory.EnumerateFiles(Path.Combine(Folder, store, "data"), "*.parquet", SearchOption.AllDirectories)]
            : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public static class Rows
{
    public static IReadOnlyList<ColumnField> Fields { get; } =
    [
        new("id", ColumnType.Int64, Nullable: false, FieldId: 1),
        new("name", ColumnType.String, FieldId: 2),
        new("value", ColumnType.Int32, FieldId: 3),
    ];

    /// <summary>A batch of (id, name, value) rows; a null name or value is a null.</summary>
    public static ColumnBatch Of(params (long Id, string? Name, int? Value)[] rows)
    {
        var batch = ColumnBatch.Create(Fields, rows.Length);
        var ids = (PrimitiveVector<long>)batch.Column(0);
        var names = (BinaryVector)batch.Column(1);
        var values = (PrimitiveVector<int>)batch.Column(2);
        foreach ((long id, string? name, int? value) in rows)
        {
            ids.Append(id);
            if (name is null)
            {
                names.AppendNull();
            }
            else
            {
                names.Append(name);
            }

            if (value is int v)
            {
                values.Append(v);
            }
            else
            {
                values.AppendNull();
            }
        }

        return batch;
    }

    /// <summary>Reads every row of a merged scan as (id, name, value), sorted by id.</summary>
    public static async Task<List<(long Id, string? Name, int? Value)>> ReadAsync(Floe.PrimaryKeys.Reading.MergeOnReadScan scan)
    {
        var result = new List<(long, string?, int?)>();
        await foreach (ColumnBatch batch in scan.ReadAsync(TestContext.Current.CancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    result.Add(((long)batch.Column("id").GetValue(row)!, (string?)batch.Column("name").GetValue(row), (int?)batch.Column("value").GetValue(row)));
                }
            }
        }

        result.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return result;
    }

    /// <summary>Writes and commits one transaction.</summary>
    public static async Task<Floe.PrimaryKeys.Writing.ChangeCommit?> CommitAsync(PrimaryKeyTable table, Func<Floe.PrimaryKeys.Writing.ChangeWriter, ValueTask> write)
    {
        Floe.PrimaryKeys.Writing.ChangeWriter writer = table.NewChangeWriter();
        await using (writer.ConfigureAwait(false))
        {
            await write(writer).ConfigureAwait(false);
            return await writer.CommitAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
    }

    public static Task<Floe.PrimaryKeys.Writing.ChangeCommit?> UpsertAsync(PrimaryKeyTable table, params (long Id, string? Name, int? Value)[] rows) =>
        CommitAsync(table, async w =>
        {
            using ColumnBatch batch = Of(rows);
            await w.UpsertAsync(batch, TestContext.Current.CancellationToken).ConfigureAwait(false);
        });

    public static Task<Floe.PrimaryKeys.Writing.ChangeCommit?> DeleteAsync(PrimaryKeyTable table, params long[] ids) =>
        CommitAsync(table, async w =>
        {
            using ColumnBatch batch = Of([.. ids.Select(id => (id, (string?)null, (int?)null))]);
            await w.DeleteAsync(batch, TestContext.Current.CancellationToken).ConfigureAwait(false);
        });
}
