using Floe.Common.Columnar;
using Floe.Core.Properties;
using Floe.PrimaryKeys.Writing;
using Floe.Parquet.Metadata;
using Floe.Parquet.Reading;
using Floe.Parquet.Writing;
using Floe.Table.Data.Writing;
using Floe.TestKit;
using ParquetEncoding = Floe.Parquet.Metadata.Encoding;

namespace Floe.PrimaryKeys.Tests.Writing;

public sealed class ChangeFileEncodingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Distinct_strings_and_doubles_hardly_repeat_and_a_small_domain_does()
    {
        using var names = new BinaryVector(ColumnType.String);
        using var doubles = new PrimitiveVector<double>(ColumnType.Float64);
        using var small = new PrimitiveVector<int>(ColumnType.Int32);
        for (int i = 0; i < 5000; i++)
        {
            names.Append("customer-" + i);
            doubles.Append(i * 0.25);
            small.Append(i % 100);
        }

        Assert.True(ChangeFileEncodings.HardlyRepeats(names));
        Assert.True(ChangeFileEncodings.HardlyRepeats(doubles));
        Assert.False(ChangeFileEncodings.HardlyRepeats(small));
    }

    [Fact]
    public void Mostly_null_short_and_nested_columns_are_not_judged()
    {
        using var mostlyNull = new BinaryVector(ColumnType.String);
        using var shortColumn = new PrimitiveVector<long>(ColumnType.Int64);
        using var list = (ListVector)ColumnVector.Create(ColumnType.List(new ColumnField("e", ColumnType.Int32)));
        for (int i = 0; i < 5000; i++)
        {
            if (i % 50 == 0)
            {
                mostlyNull.Append("v" + i);
            }
            else
            {
                mostlyNull.AppendNull();
            }

            list.AppendNull();
        }

        for (int i = 0; i < 100; i++)
        {
            shortColumn.Append(i);
        }

        Assert.False(ChangeFileEncodings.HardlyRepeats(mostlyNull));
        Assert.False(ChangeFileEncodings.HardlyRepeats(shortColumn));
        Assert.False(ChangeFileEncodings.HardlyRepeats(list));
    }

    [Fact]
    public void Choose_keeps_encodings_set_in_properties_and_the_dictionary_of_large_files()
    {
        var fields = new[] { new ColumnField("a", ColumnType.Int64), new ColumnField("b", ColumnType.Int64) };
        using var a = new PrimitiveVector<long>(ColumnType.Int64);
        using var b = new PrimitiveVector<long>(ColumnType.Int64);
        for (int i = 0; i < 4000; i++)
        {
            a.Append(i * 7919L);
            b.Append(i * 104_729L);
        }

        var config = new DataWriterConfig
        {
            Schema = TestTable.DefaultSchema,
            Parquet = new ParquetWriterOptions { ColumnEncodings = new Dictionary<string, ColumnEncoding> { ["b"] = ColumnEncoding.DeltaBinaryPacked } },
        };

        DataWriterConfig chosen = ChangeFileEncodings.Choose(config, fields, [a, b], rowsPerFile: 4000);
        Assert.Equal(ColumnEncoding.Plain, chosen.Parquet.ColumnEncodings["a"]);
        Assert.Equal(ColumnEncoding.DeltaBinaryPacked, chosen.Parquet.ColumnEncodings["b"]);
        Assert.Same(config, ChangeFileEncodings.Choose(config, fields, [a, b], rowsPerFile: ChangeFileEncodings.SmallFileRows + 1));
    }

    [Fact]
    public async Task An_upserts_insert_file_delta_encodes_the_integer_key_writes_hardly_repeating_columns_plain_and_the_rest_with_a_dictionary()
    {
        using var table = TestTable.Create(properties: new Dictionary<string, string> { [PrimaryKeyProperties.ChangeHashBucket.Key] = "1" });
        PrimaryKeyTable primaryKey = table.Open();
        (long, string?, int?)[] rows = [.. Enumerable.Range(0, 3000).Select(i => ((long)i, (string?)("name-" + i), (int?)(i % 10)))];
        await Rows.UpsertAsync(primaryKey, rows);

        string insertFile = Assert.Single(table.DataFiles("change"), f => Path.GetFileName(f).Contains("-I-", StringComparison.Ordinal));
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(insertFile, Ct);
        Dictionary<string, ColumnMetaData> columns = reader.Metadata.RowGroups[0].Columns.ToDictionary(c => c.MetaData!.PathInSchema[0], c => c.MetaData!);
        Assert.Null(columns["name"].DictionaryPageOffset);
        Assert.DoesNotContain(ParquetEncoding.RleDictionary, columns["name"].Encodings);
        Assert.Contains(ParquetEncoding.DeltaBinaryPacked, columns["id"].Encodings);
        Assert.Null(columns["id"].DictionaryPageOffset);
        Assert.NotNull(columns["value"].DictionaryPageOffset);
        Assert.Contains(ParquetEncoding.RleDictionary, columns["value"].Encodings);

        // The merged view reads the rows back whatever their encoding.
        List<(long Id, string? Name, int? Value)> merged = await Rows.ReadAsync(primaryKey.NewScan());
        Assert.Equal(rows, merged.OrderBy(r => r.Id));
    }
}
