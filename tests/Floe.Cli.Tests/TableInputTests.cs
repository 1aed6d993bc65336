using Floe.Cli.Commands.Table;
using Floe.Cli.Input;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Sql;

namespace Floe.Cli.Tests;

public sealed class TableInputTests
{
    private static readonly Schema s_schema = SqlSchema.Parse(
        "id int not null, ok boolean, day date, at time, ts timestamp, u uuid, raw binary, code fixed[2], ratio float, score double, note string");

    private static async Task<List<ColumnBatch>> ReadCsvAsync(string text, int batchRows = 8192)
    {
        var batches = new List<ColumnBatch>();
        await foreach (ColumnBatch batch in CsvBatchReader.ReadAsync(new StringReader(text), s_schema, batchRows, TestContext.Current.CancellationToken))
        {
            batches.Add(batch);
        }

        return batches;
    }

    private static async Task<List<ColumnBatch>> ReadJsonAsync(string text)
    {
        var batches = new List<ColumnBatch>();
        await foreach (ColumnBatch batch in JsonLinesBatchReader.ReadAsync(new StringReader(text), s_schema, cancellationToken: TestContext.Current.CancellationToken))
        {
            batches.Add(batch);
        }

        return batches;
    }

    private static string Cell(ColumnBatch batch, string column, int row)
    {
        int index = s_schema.Columns.Select((c, i) => (c, i)).Single(p => p.c.Name == column).i;
        return TableValueFormatter.Format(batch.Column(index), s_schema.Columns[index].Type, row);
    }

    [Fact]
    public async Task Csv_parses_every_primitive_type_and_quoted_fields()
    {
        List<ColumnBatch> batches = await ReadCsvAsync(
            "id,ok,day,at,ts,u,raw,code,ratio,score,note\n"
            + "1,TRUE,2026-03-04,12:30:00,2026-03-04T12:30:00.5,f79c3e09-677c-4bbd-a479-3f349cb785e7,CAFE,0A0B,1.5,-2e3,\"multi\nline, \"\"quoted\"\"\"\n"
            + "2,0,,,,,,,,,\"\"\n");
        ColumnBatch batch = Assert.Single(batches);
        Assert.Equal(2, batch.RowCount);
        Assert.Equal("true", Cell(batch, "ok", 0));
        Assert.Equal("2026-03-04", Cell(batch, "day", 0));
        Assert.Equal("12:30:00", Cell(batch, "at", 0));
        Assert.Equal("2026-03-04T12:30:00.500000", Cell(batch, "ts", 0));
        Assert.Equal("f79c3e09-677c-4bbd-a479-3f349cb785e7", Cell(batch, "u", 0));
        Assert.Equal("CAFE", Cell(batch, "raw", 0));
        Assert.Equal("0A0B", Cell(batch, "code", 0));
        Assert.Equal("1.5", Cell(batch, "ratio", 0));
        Assert.Equal("-2000", Cell(batch, "score", 0));
        Assert.Equal("multi\nline, \"quoted\"", Cell(batch, "note", 0));
        Assert.Equal("false", Cell(batch, "ok", 1));
        Assert.Equal("null", Cell(batch, "day", 1));
        Assert.Equal(string.Empty, Cell(batch, "note", 1));
    }

    [Fact]
    public async Task Csv_splits_into_batches_of_the_requested_size()
    {
        string text = "id\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i}\n"));
        List<ColumnBatch> batches = await ReadCsvAsync(text, batchRows: 4);
        Assert.Equal([4, 4, 2], batches.Select(b => b.RowCount));
    }

    [Theory]
    [InlineData("id,code\n1,0A0B0C\n", "line 2, column 'code': '0A0B0C' is not a valid fixed[2] value")]
    [InlineData("id,ok\n1,maybe\n", "line 2, column 'ok': 'maybe' is not a valid boolean value")]
    [InlineData("id,day\n1,2026-13-01\n", "line 2, column 'day'")]
    [InlineData("id,note\n1,\"open\n", "line 2: a quoted field is not closed")]
    [InlineData("id,note\n1\n", "line 2: 1 fields, but the header has 2")]
    [InlineData("id,id\n", "line 1: column 'id' appears twice")]
    [InlineData("", "the CSV input is empty")]
    [InlineData("id\n99999999999\n", "'99999999999' is not a valid int value")]
    public async Task Csv_errors_name_the_line_and_column(string text, string message)
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => ReadCsvAsync(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lines_parses_scalars_and_skips_blank_lines()
    {
        List<ColumnBatch> batches = await ReadJsonAsync("{\"id\": 1, \"ok\": true, \"score\": 2.5, \"note\": \"a\\u00e9\", \"day\": \"2026-01-02\"}\n\n{\"id\": 2, \"ok\": null}\n");
        ColumnBatch batch = Assert.Single(batches);
        Assert.Equal(2, batch.RowCount);
        Assert.Equal("2.5", Cell(batch, "score", 0));
        Assert.Equal("aé", Cell(batch, "note", 0));
        Assert.Equal("2026-01-02", Cell(batch, "day", 0));
        Assert.Equal("null", Cell(batch, "ok", 1));
    }

    [Theory]
    [InlineData("{\"id\": 1}\n[1]\n", "line 2: expected a JSON object")]
    [InlineData("{\"id\": 1, \"x\": 2}\n", "line 1: the table has no column 'x'")]
    [InlineData("{\"id\": 1, \"note\": {\"a\": 1}}\n", "line 1: column 'note': nested JSON values are not supported")]
    [InlineData("{\"id\": 1,\n", "line 1: invalid JSON")]
    [InlineData("{\"id\": \"one\"}\n", "line 1, column 'id': 'one' is not a valid int value")]
    [InlineData("{\"id\": 1, \"id\": 2}\n", "column 'id' appears twice")]
    public async Task Json_lines_errors_name_the_line(string text, string message)
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => ReadJsonAsync(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_columns_stay_null_and_refuse_text_values()
    {
        Schema nested = SqlSchema.Parse("id int, tags list<string>, point struct<x: double>");
        var batches = new List<ColumnBatch>();
        await foreach (ColumnBatch batch in CsvBatchReader.ReadAsync(new StringReader("id\n1\n"), nested, cancellationToken: TestContext.Current.CancellationToken))
        {
            batches.Add(batch);
        }

        ColumnBatch single = Assert.Single(batches);
        Assert.True(single.Column(1).IsNull(0));
        Assert.True(single.Column(2).IsNull(0));

        var error = await Assert.ThrowsAsync<FloeException>(async () =>
        {
            await foreach (ColumnBatch batch in CsvBatchReader.ReadAsync(new StringReader("id,tags\n1,a\n"), nested, cancellationToken: TestContext.Current.CancellationToken))
            {
                batch.Dispose();
            }
        });
        Assert.Contains("line 2, column 'tags': values of type list<string> cannot be read from text input", error.Message, StringComparison.Ordinal);
    }
}
