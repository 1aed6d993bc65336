using System.Text;
using Floe.Common.Columnar;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Table.Data.Columns;
using Floe.Table.Scanning.Execution;

namespace Floe.Table.Tests.Scanning;

public sealed class EqualityKeySetTests
{
    [Fact]
    public void Holds_many_keys_of_any_length_through_growth()
    {
        var set = EqualityKeySet.ForEncodedKeys();
        for (int i = 0; i < 50_000; i++)
        {
            Assert.True(set.Add(Key(i)));
        }

        Assert.False(set.Add(Key(123)));
        Assert.Equal(50_000, set.Count);
        for (int i = 0; i < 50_000; i += 7)
        {
            Assert.True(set.Contains(Key(i)));
        }

        Assert.False(set.Contains(Key(50_000)));
        Assert.False(set.Contains([]));
        Assert.True(set.Add([]));
        Assert.True(set.Contains([]));
    }

    [Fact]
    public void Row_keys_distinguish_nulls_and_values_and_treat_every_NaN_alike()
    {
        var schema = new Schema([
            NestedField.Optional(1, "name", PrimitiveType.String),
            NestedField.Optional(2, "score", PrimitiveType.Double),
            NestedField.Optional(3, "point", StructType.Of(NestedField.Optional(4, "x", PrimitiveType.Int))),
        ]);
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(schema), 4);
        var names = (BinaryVector)batch.Column(0);
        var scores = (PrimitiveVector<double>)batch.Column(1);
        var point = (StructVector)batch.Column(2);
        names.Append("a");
        names.AppendNull();
        names.Append("");
        names.Append("a");
        scores.Append(double.NaN);
        scores.Append(1.0);
        scores.Append(1.0);
        scores.Append(BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0001UL)));
        foreach (int? x in new int?[] { 1, null, 1, 1 })
        {
            if (x is int value)
            {
                ((PrimitiveVector<int>)point.Child(0)).Append(value);
                point.AppendStruct();
            }
            else
            {
                point.AppendNull();
                point.Child(0).AppendNull();
            }
        }

        using (batch)
        {
            using var encoder = new RowKeyEncoder([FieldAccessor.Create(schema, 1), FieldAccessor.Create(schema, 2), FieldAccessor.Create(schema, 4)]);
            encoder.Bind(batch);
            var set = EqualityKeySet.ForEncodedKeys();
            string[] keys = [.. Enumerable.Range(0, 4).Select(r => Convert.ToHexString(encoder.Encode(r)))];

            Assert.Equal(keys[0], keys[3]);
            Assert.NotEqual(keys[1], keys[2]);
            Assert.Equal(3, keys.Distinct().Count());
            Assert.True(set.Add(encoder.Encode(0)));
            Assert.True(set.Contains(encoder.Encode(3)));
            Assert.False(set.Contains(encoder.Encode(1)));
        }
    }

    [Fact]
    public void Integer_keys_match_values_and_the_encoded_keys_of_long_and_int_columns()
    {
        var schema = new Schema([NestedField.Optional(1, "id", PrimitiveType.Long), NestedField.Optional(2, "day", PrimitiveType.Date)]);
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(schema), 3);
        ((PrimitiveVector<long>)batch.Column(0)).Append(-5_000_000_000);
        batch.Column(0).AppendNull();
        ((PrimitiveVector<long>)batch.Column(0)).Append(7);
        ((PrimitiveVector<int>)batch.Column(1)).Append(-3);
        batch.Column(1).AppendNull();
        ((PrimitiveVector<int>)batch.Column(1)).Append(19_000);
        using (batch)
        {
            using var longs = new RowKeyEncoder([FieldAccessor.Create(schema, 1)]);
            using var ints = new RowKeyEncoder([FieldAccessor.Create(schema, 2)]);
            using var both = new RowKeyEncoder([FieldAccessor.Create(schema, 1), FieldAccessor.Create(schema, 2)]);
            longs.Bind(batch);
            ints.Bind(batch);
            both.Bind(batch);
            Assert.NotNull(longs.SingleIntegerField);
            Assert.NotNull(ints.SingleIntegerField);
            Assert.Null(both.SingleIntegerField);

            var ids = EqualityKeySet.ForIntegers();
            Assert.True(ids.AddInteger(-5_000_000_000));
            Assert.False(ids.AddInteger(-5_000_000_000));
            Assert.False(ids.ContainsNull);
            Assert.True(ids.IsIntegers);
            Assert.True(ids.ContainsInteger(-5_000_000_000));
            Assert.True(ids.Contains(longs.Encode(0)));
            Assert.False(ids.Contains(longs.Encode(1)));
            Assert.False(ids.Contains(longs.Encode(2)));
            Assert.True(ids.AddInteger(null));
            Assert.True(ids.ContainsNull);
            Assert.True(ids.Contains(longs.Encode(1)));
            Assert.Equal(2, ids.Count);

            var days = EqualityKeySet.ForIntegers();
            days.AddInteger(19_000);
            Assert.True(days.Contains(ints.Encode(2)));
            Assert.False(days.Contains(ints.Encode(0)));
            Assert.False(days.Contains(ints.Encode(1)));
            Assert.Throws<InvalidOperationException>(() => days.Add(ints.Encode(0)));
            Assert.Throws<InvalidOperationException>(() => EqualityKeySet.ForEncodedKeys().AddInteger(1));
        }
    }

    private static byte[] Key(int i) => Encoding.UTF8.GetBytes(new string('k', i % 37) + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
