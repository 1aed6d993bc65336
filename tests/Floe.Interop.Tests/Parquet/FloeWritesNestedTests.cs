using System.Text.Json;
using System.Text.Json.Nodes;
using Floe.Common.Columnar;
using Floe.Parquet.Compression;
using Floe.Parquet.Writing;

namespace Floe.Interop.Tests.Parquet;

/// <summary>Nested columns (structs, lists, maps and their combinations, with nulls at every level) read by DuckDB.</summary>
public sealed class FloeWritesNestedTests : IDisposable
{
    private const int Rows = 400;
    private readonly string _directory = Directory.CreateTempSubdirectory("floe-writes-nested-").FullName;

    private static readonly ColumnField s_point = new("s", ColumnType.Struct(
        new ColumnField("a", ColumnType.Int32, FieldId: 11),
        new ColumnField("b", ColumnType.String, FieldId: 12)), FieldId: 1);

    private static readonly ColumnField s_ints = new("l", ColumnType.List(new ColumnField("element", ColumnType.Int32, FieldId: 13)), FieldId: 2);

    private static readonly ColumnField s_map = new("m", ColumnType.Map(
        new ColumnField("key", ColumnType.String, Nullable: false, FieldId: 14),
        new ColumnField("value", ColumnType.Int32, FieldId: 15)), FieldId: 3);

    private static readonly ColumnField s_items = new("ls", ColumnType.List(new ColumnField("element", ColumnType.Struct(
        new ColumnField("x", ColumnType.Int32, FieldId: 17),
        new ColumnField("y", ColumnType.String, FieldId: 18)), FieldId: 16)), Nullable: false, FieldId: 4);

    private static readonly ColumnField s_structMap = new("ms", ColumnType.Map(
        new ColumnField("key", ColumnType.Int32, Nullable: false, FieldId: 19),
        new ColumnField("value", ColumnType.Struct(
            new ColumnField("p", ColumnType.Int32, FieldId: 21),
            new ColumnField("q", ColumnType.String, FieldId: 22)), FieldId: 20)), FieldId: 5);

    private static readonly ColumnField s_nestedLists = new("ll", ColumnType.List(new ColumnField(
        "element", ColumnType.List(new ColumnField("element", ColumnType.Int32, FieldId: 25)), FieldId: 24)), FieldId: 6);

    private static readonly ColumnField[] s_fields = [s_point, s_ints, s_map, s_items, s_structMap, s_nestedLists];

    [Theory]
    [InlineData(CompressionCodec.Zstd, DataPageVersion.V1, true)]
    [InlineData(CompressionCodec.Snappy, DataPageVersion.V2, true)]
    [InlineData(CompressionCodec.Uncompressed, DataPageVersion.V2, false)]
    public async Task DuckDb_reads_nested_columns_with_nulls_at_every_level(CompressionCodec codec, DataPageVersion version, bool dictionary)
    {
        string path = Path.Combine(_directory, $"{codec}-{version}-{dictionary}.parquet");
        var options = new ParquetWriterOptions { Codec = codec, DataPageVersion = version, EnableDictionary = dictionary, PageRowLimit = 64 };
        var expected = new JsonArray();
        await using (var writer = ParquetFileWriter.Create(path, s_fields, options))
        {
            for (int start = 0; start < Rows; start += 150)
            {
                using ColumnBatch batch = Build(start, Math.Min(150, Rows - start), expected);
                await writer.WriteBatchAsync(batch, TestContext.Current.CancellationToken);
            }

            await writer.CloseAsync(TestContext.Current.CancellationToken);
        }

        using JsonDocument result = await FloeWritesParquetTests.ReadAsync(path, "select * from t");
        JsonElement rows = result.RootElement.GetProperty("rows");
        Assert.Equal(Rows, rows.GetArrayLength());
        for (int row = 0; row < Rows; row++)
        {
            string want = expected[row]!.ToJsonString();
            string got = JsonSerializer.Serialize(rows[row]);
            Assert.True(want == got, $"row {row}: expected {want}, DuckDB read {got}");
        }

        string[] types = [.. result.RootElement.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("type").GetString()!)];
        Assert.Equal(
            ["STRUCT(a INTEGER, b VARCHAR)", "INTEGER[]", "MAP(VARCHAR, INTEGER)", "STRUCT(x INTEGER, y VARCHAR)[]", "MAP(INTEGER, STRUCT(p INTEGER, q VARCHAR))", "INTEGER[][]"],
            types);

        JsonElement[] schema = [.. result.RootElement.GetProperty("schema").EnumerateArray()];
        foreach (string name in new[] { "a", "b", "x", "y", "p", "q" })
        {
            Assert.NotNull(schema.Single(e => e.GetProperty("name").GetString() == name).GetProperty("field_id").GetString());
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ColumnBatch Build(int start, int count, JsonArray expected)
    {
        var batch = ColumnBatch.Create(s_fields, count);
        for (int row = start; row < start + count; row++)
        {
            var json = new JsonObject
            {
                ["s"] = AppendPoint((StructVector)batch.Column(0), row),
                ["l"] = AppendInts((ListVector)batch.Column(1), row),
                ["m"] = AppendMap((MapVector)batch.Column(2), row),
                ["ls"] = AppendItems((ListVector)batch.Column(3), row),
                ["ms"] = AppendStructMap((MapVector)batch.Column(4), row),
                ["ll"] = AppendNestedLists((ListVector)batch.Column(5), row),
            };
            expected.Add(json);
        }

        return batch;
    }

    private static JsonNode? AppendPoint(StructVector vector, int row)
    {
        if (row % 5 == 4)
        {
            vector.AppendNull();
            return null;
        }

        var a = (PrimitiveVector<int>)vector.Child(0);
        var b = (BinaryVector)vector.Child(1);
        JsonNode? aJson = row % 3 == 0 ? null : row;
        if (aJson is null)
        {
            a.AppendNull();
        }
        else
        {
            a.Append(row);
        }

        string? text = row % 7 == 1 ? null : "b" + (row % 4);
        if (text is null)
        {
            b.AppendNull();
        }
        else
        {
            b.Append(text);
        }

        vector.AppendStruct();
        return new JsonObject { ["a"] = aJson, ["b"] = text };
    }

    private static JsonNode? AppendInts(ListVector vector, int row)
    {
        if (row % 6 == 5)
        {
            vector.AppendNull();
            return null;
        }

        var values = (PrimitiveVector<int>)vector.Elements;
        var json = new JsonArray();
        for (int i = 0; i < row % 4; i++)
        {
            if ((row + i) % 5 == 0)
            {
                values.AppendNull();
                json.Add(null);
            }
            else
            {
                values.Append(row * 10 + i);
                json.Add(row * 10 + i);
            }
        }

        vector.EndList();
        return json;
    }

    private static JsonNode? AppendMap(MapVector vector, int row)
    {
        if (row % 9 == 8)
        {
            vector.AppendNull();
            return null;
        }

        var keys = (BinaryVector)vector.Keys;
        var values = (PrimitiveVector<int>)vector.Values;
        var json = new JsonArray();
        for (int i = 0; i < row % 3; i++)
        {
            string key = "k" + i;
            keys.Append(key);
            JsonNode? value = (row + i) % 4 == 0 ? null : row + i;
            if (value is null)
            {
                values.AppendNull();
            }
            else
            {
                values.Append(row + i);
            }

            json.Add(new JsonObject { ["key"] = key, ["value"] = value });
        }

        vector.EndMap();
        return json;
    }

    private static JsonNode AppendItems(ListVector vector, int row)
    {
        var items = (StructVector)vector.Elements;
        var x = (PrimitiveVector<int>)items.Child(0);
        var y = (BinaryVector)items.Child(1);
        var json = new JsonArray();
        for (int i = 0; i < row % 3; i++)
        {
            if ((row + i) % 4 == 3)
            {
                items.AppendNull();
                json.Add(null);
                continue;
            }

            x.Append(i);
            string? text = i == 1 ? null : "y" + row;
            if (text is null)
            {
                y.AppendNull();
            }
            else
            {
                y.Append(text);
            }

            items.AppendStruct();
            json.Add(new JsonObject { ["x"] = i, ["y"] = text });
        }

        vector.EndList();
        return json;
    }

    private static JsonNode? AppendStructMap(MapVector vector, int row)
    {
        if (row % 8 == 7)
        {
            vector.AppendNull();
            return null;
        }

        var keys = (PrimitiveVector<int>)vector.Keys;
        var values = (StructVector)vector.Values;
        var p = (PrimitiveVector<int>)values.Child(0);
        var q = (BinaryVector)values.Child(1);
        var json = new JsonArray();
        for (int i = 0; i < row % 3; i++)
        {
            keys.Append(i);
            if ((row + i) % 5 == 2)
            {
                values.AppendNull();
                json.Add(new JsonObject { ["key"] = i, ["value"] = null });
                continue;
            }

            p.Append(row - i);
            q.Append("q" + (row % 11));
            values.AppendStruct();
            json.Add(new JsonObject { ["key"] = i, ["value"] = new JsonObject { ["p"] = row - i, ["q"] = "q" + (row % 11) } });
        }

        vector.EndMap();
        return json;
    }

    private static JsonNode? AppendNestedLists(ListVector vector, int row)
    {
        if (row % 10 == 9)
        {
            vector.AppendNull();
            return null;
        }

        var inner = (ListVector)vector.Elements;
        var ints = (PrimitiveVector<int>)inner.Elements;
        var json = new JsonArray();
        for (int i = 0; i < row % 3; i++)
        {
            if ((row + i) % 7 == 3)
            {
                inner.AppendNull();
                json.Add(null);
                continue;
            }

            var innerJson = new JsonArray();
            for (int j = 0; j < (row + i) % 3; j++)
            {
                ints.Append(j + row);
                innerJson.Add(j + row);
            }

            inner.EndList();
            json.Add(innerJson);
        }

        vector.EndList();
        return json;
    }
}
