using System.Globalization;
using Floe;
using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.RowLevel;

// The path docs/library.md walks through, in a temporary warehouse folder.
string warehouse = Path.Combine(Path.GetTempPath(), "floe-quickstart-" + Guid.NewGuid().ToString("N"));
try
{
    await using FloeCatalog catalog = await FloeCatalog.OpenAsync(warehouse);
    await catalog.CreateNamespaceAsync("db");
    Console.WriteLine($"opened {warehouse} and created namespace db");

    var schema = new Schema(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
    ]);
    FloeTable events = await catalog.CreateTableAsync("db.events", schema);
    WriteResult appended = await events.AppendAsync(Batch((1, "alpha"), (2, "beta"), (3, "gamma")));
    Console.WriteLine($"appended {appended.Rows} rows to db.events");

    FloeTable users = await catalog.CreatePrimaryKeyTableAsync("db.users", schema, ["id"]);
    await users.UpsertAsync(Batch((1, "ann"), (2, "bob")));
    WriteResult upserted = await users.UpsertAsync(Batch((2, "bobby"), (3, "cy")));
    Console.WriteLine($"upserted {upserted.Rows} rows into db.users");

    var idAbove2 = RowPredicate.Compare(ComparisonOperator.GreaterThan, ValueExpression.Column("id"), ValueExpression.Constant(Literal.Of(2L)));
    WriteResult deleted = await events.DeleteAsync(idAbove2);
    Console.WriteLine($"deleted {deleted.Rows} rows from db.events");

    var scan = new FloeScanOptions { Filter = Expr.GreaterThanOrEqual("id", Literal.Of(2L)), Columns = ["name"] };
    await foreach (ColumnBatch batch in users.ScanAsync(scan))
    {
        using (batch)
        {
            for (int row = 0; row < batch.RowCount; row++)
            {
                Console.WriteLine($"scan db.users: {batch.Column("name").GetValue(row)}");
            }
        }
    }

    string? position = null;
    await foreach (FloeChangeBatch changes in users.ReadChangesAsync(position))
    {
        using (changes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"changes of db.users: {changes.RowCount} rows"));
            position = changes.Position;
        }
    }

    await users.DeleteKeysAsync(Batch((1, "ann")));
    await foreach (FloeChangeBatch changes in users.ReadChangesAsync(position))
    {
        using (changes)
        {
            for (int row = 0; row < changes.RowCount; row++)
            {
                Console.WriteLine($"change after {position}: {changes.Actions[row]} {changes.Rows.Column("id").GetValue(row)}");
            }
        }
    }
}
finally
{
    Directory.Delete(warehouse, recursive: true);
}

static ColumnBatch Batch(params (long Id, string Name)[] rows)
{
    var batch = ColumnBatch.Create([new("id", ColumnType.Int64, Nullable: false, FieldId: 1), new("name", ColumnType.String, FieldId: 2)], rows.Length);
    foreach ((long id, string name) in rows)
    {
        ((PrimitiveVector<long>)batch.Column(0)).Append(id);
        ((BinaryVector)batch.Column(1)).Append(name);
    }

    return batch;
}
