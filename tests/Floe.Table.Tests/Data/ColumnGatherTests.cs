using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Table.Data.Reading;

namespace Floe.Table.Tests.Data;

public sealed class ColumnGatherTests
{
    [Fact]
    public void Maps_fixed_values_and_nulls_are_gathered_in_the_order_asked()
    {
        var mapType = ColumnType.Map(new ColumnField("key", ColumnType.String, Nullable: false), new ColumnField("value", ColumnType.Int32));
        using var map = (MapVector)ColumnVector.Create(mapType);
        using var uuid = (FixedBinaryVector)ColumnVector.Create(ColumnType.Uuid);
        for (int row = 0; row < 4; row++)
        {
            if (row == 1)
            {
                map.AppendNull();
                uuid.AppendNull();
                continue;
            }

            for (int e = 0; e <= row; e++)
            {
                ((BinaryVector)map.Keys).Append($"k{row}{e}");
                if (e == 1)
                {
                    map.Values.AppendNull();
                }
                else
                {
                    ((PrimitiveVector<int>)map.Values).Append((row * 10) + e);
                }
            }

            map.EndMap();
            var bytes = new byte[16];
            bytes[15] = (byte)row;
            uuid.Append(bytes);
        }

        using var mapOut = (MapVector)ColumnVector.Create(mapType);
        using var uuidOut = (FixedBinaryVector)ColumnVector.Create(ColumnType.Uuid);
        int[] rows = [3, 1, 0, 3];
        ColumnGather.Append(map, rows, mapOut);
        ColumnGather.Append(uuid, rows, uuidOut);

        Assert.Equal(4, mapOut.Length);
        Assert.Equal(rows.Select(r => Show(map.GetValue(r))), Enumerable.Range(0, 4).Select(i => Show(mapOut.GetValue(i))));
        Assert.Equal(rows.Select(uuid.GetValue), Enumerable.Range(0, 4).Select(uuidOut.GetValue));
        Assert.True(mapOut.IsNull(1));
        Assert.True(uuidOut.IsNull(1));
    }

    [Fact]
    public async Task A_damaged_data_file_raises_a_floe_exception()
    {
        byte[] file = await DataFileReaderTests.WriteAsync(TestTables.Schema, TestTables.Batch(0, 20));
        byte[] truncated = file[..(file.Length / 2)];

        await Assert.ThrowsAnyAsync<FloeException>(async () =>
            await DataFileReader.OpenAsync(new MemoryStream(truncated), "broken.parquet", cancellationToken: TestContext.Current.CancellationToken));
    }

    private static string Show(object? value) => value is IEnumerable<KeyValuePair<object?, object?>> entries
        ? string.Join(",", entries.Select(e => $"{e.Key}={e.Value ?? "null"}"))
        : "null";
}
