using System.Globalization;
using System.Text.Json;
using Floe.Catalog;
using Floe.Catalog.Rest;
using Floe.Common.Columnar;
using Floe.Core.Schemas;
using Floe.Core.Values;
using Floe.Server.Tests.Rest;
using Floe.Table.Operations;
using Floe.Table.RowLevel;
using Floe.Table.Scanning;
using Floe.TestKit;

namespace Floe.Server.Tests.Client;

/// <summary>
/// A table written through <see cref="RestCatalog"/> to the real server reads the same in icebird, an Iceberg reader
/// Floe did not write, as in Floe's own scan: appends, a merge-on-read delete and update (position deletes), and a
/// dropped file.
/// </summary>
public sealed class IcebirdReadsRestTablesTests(SqliteFloeServer backend) : IClassFixture<SqliteFloeServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_table_written_through_the_rest_client_reads_identically_in_icebird()
    {
        using var catalog = await RestCatalog.OpenAsync(new RestCatalogOptions { Uri = new Uri(backend.Server.Address, "/api/iceberg/rest") }, Ct);
        var ns = Namespace.Of($"n{Guid.NewGuid():N}"[..12]);
        await catalog.CreateNamespaceAsync(ns, Ct);
        var id = new TableIdentifier(ns, "events");
        await catalog.CreateTableAsync(id, SchemaJson.Parse(ConformanceBase<SqliteFloeServer>.SchemaJson), cancellationToken: Ct);
        IcebergTable table = await catalog.LoadTableAsync(id, Ct);

        var dropped = await RestCatalogTests.AppendRowsAsync(table, Rows(0, 40));
        await RestCatalogTests.AppendRowsAsync(table, Rows(40, 100));
        await RestCatalogTests.AppendRowsAsync(table, Rows(100, 150));
        var id10 = ValueExpression.Arithmetic(ArithmeticOperator.Modulo, ValueExpression.Column("id"), ValueExpression.Constant(Literal.Of(10L)));
        await table.DeleteWhereAsync(RowPredicate.Compare(ComparisonOperator.Equal, id10, ValueExpression.Constant(Literal.Of(3L))), Ct);
        await table.UpdateWhereAsync(
            [new Assignment("value", ValueExpression.Arithmetic(ArithmeticOperator.Multiply, ValueExpression.Column("value"), ValueExpression.Constant(Literal.Of(2.0))))],
            RowPredicate.Between(ValueExpression.Column("id"), ValueExpression.Constant(Literal.Of(95L)), ValueExpression.Constant(Literal.Of(120L))),
            Ct);
        await table.NewDelete().DeleteFile(dropped).CommitAsync(Ct);

        IcebergTable reloaded = await catalog.LoadTableAsync(id, Ct);
        Assert.Contains(reloaded.Metadata.CurrentSnapshot!.Summary, entry => entry.Key == "total-position-deletes" && entry.Value != "0");
        List<string> floe = await FloeRowsAsync(reloaded);
        List<string> icebird = await IcebirdRowsAsync(reloaded);

        Assert.Equal(150 - 40 - 11, floe.Count);
        Assert.Equal(floe, icebird);
    }

    private static (long Id, string Category, double Value)[] Rows(int from, int to) =>
        Enumerable.Range(from, to - from).Select(i => ((long)i, $"c{i % 7}", i * 1.25)).ToArray();

    private static string Row(long id, string category, double value) =>
        string.Create(CultureInfo.InvariantCulture, $"{id}|{category}|{value:R}");

    private static async Task<List<string>> FloeRowsAsync(IcebergTable table)
    {
        var rows = new List<string>();
        await foreach (ColumnBatch batch in table.NewScan().ReadAsync(Ct))
        {
            using (batch)
            {
                for (int r = 0; r < batch.RowCount; r++)
                {
                    rows.Add(Row((long)batch.Column(0).GetValue(r)!, (string)batch.Column(1).GetValue(r)!, (double)batch.Column(2).GetValue(r)!));
                }
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static async Task<List<string>> IcebirdRowsAsync(IcebergTable table)
    {
        string metadataFile = Path.GetFileName(table.Metadata.MetadataFileLocation!);
        string output = await NodeRunner.RunAsync("icebird-read.mjs", [table.Metadata.Location, metadataFile], Ct);
        using JsonDocument document = JsonDocument.Parse(output);
        var rows = new List<string>();
        foreach (JsonElement row in document.RootElement.EnumerateArray())
        {
            rows.Add(Row(
                long.Parse(row.GetProperty("id").GetString()!, CultureInfo.InvariantCulture),
                row.GetProperty("category").GetString()!,
                row.GetProperty("value").GetDouble()));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
