using Apache.Arrow;
using Floe;

// The path docs/library.md walks through, in a temporary warehouse folder.
string warehouse = Path.Combine(Path.GetTempPath(), "floe-quickstart-" + Guid.NewGuid().ToString("N"));
try
{
    await using FloeCatalog catalog = await FloeCatalog.OpenAsync(warehouse);
    await catalog.CreateNamespaceAsync("db");
    Console.WriteLine($"opened {warehouse} and created namespace db");

    using RecordBatch batch = Batch((1, "alpha"), (2, "beta"), (3, "gamma"));
    FloeTable events = await catalog.CreateTableAsync("db.events", batch.Schema, new FloeTableOptions { PartitionBy = "bucket(4, id)" });
    WriteResult appended = await events.AppendAsync(batch);
    Console.WriteLine($"appended {appended.Rows} rows to db.events");

    FloeTable users = await catalog.CreatePrimaryKeyTableAsync("db.users", batch.Schema, ["id"]);
    await users.UpsertAsync(Batch((1, "ann"), (2, "bob")));
    WriteResult upserted = await users.UpsertAsync(Batch((2, "bobby"), (3, "cy")));
    Console.WriteLine($"upserted {upserted.Rows} rows into db.users");

    WriteResult deleted = await events.DeleteAsync("id * 10 > 25");
    Console.WriteLine($"deleted {deleted.Rows} rows from db.events");

    await foreach (RecordBatch rows in users.ScanAsync(new FloeScanOptions { Filter = "id >= 2", Columns = ["name"] }))
    {
        using (rows)
        {
            var names = (StringArray)rows.Column("name");
            for (int row = 0; row < rows.Length; row++)
            {
                Console.WriteLine($"scan db.users: {names.GetString(row)}");
            }
        }
    }

    string? position = null;
    await foreach (FloeChangeBatch changes in users.ReadChangesAsync(position))
    {
        using (changes)
        {
            Console.WriteLine($"changes of db.users: {changes.RowCount} rows");
            position = changes.Position;
        }
    }

    await users.DeleteKeysAsync(Batch((1, "ann")));
    await foreach (FloeChangeBatch changes in users.ReadChangesAsync(position))
    {
        using (changes)
        {
            var ids = (Int64Array)changes.Batch.Column("id");
            var types = (StringArray)changes.Batch.Column(FloeChangeBatch.ChangeTypeColumn);
            for (int row = 0; row < changes.RowCount; row++)
            {
                Console.WriteLine($"change after {position}: {types.GetString(row)} {ids.GetValue(row)}");
            }
        }
    }
}
finally
{
    Directory.Delete(warehouse, recursive: true);
}

// Arrow's own builder: id is not nullable (the primary key), name is.
static RecordBatch Batch(params (long Id, string Name)[] rows) => new RecordBatch.Builder()
    .Append("id", false, column => column.Int64(values => values.AppendRange(rows.Select(r => r.Id))))
    .Append("name", true, column => column.String(values => values.AppendRange(rows.Select(r => r.Name))))
    .Build();
