using Floe.Common.Columnar;

namespace Floe.Common.Tests.Columnar;

public sealed class ColumnVectorTests
{
    [Fact]
    public void Primitive_vector_appends_values_and_nulls_across_growth()
    {
        using var vector = new PrimitiveVector<long>(ColumnType.Int64);
        for (int i = 0; i < 1000; i++)
        {
            if (i % 7 == 0)
            {
                vector.AppendNull();
            }
            else
            {
                vector.Append(i * 3L);
            }
        }

        Assert.Equal(1000, vector.Length);
        Assert.Equal(143, vector.NullCount);
        Assert.True(vector.IsNull(0));
        Assert.False(vector.IsNull(1));
        Assert.Equal(3L, vector[1]);
        Assert.Equal(999 * 3L, vector.GetValue(999));
        Assert.Null(vector.GetValue(994));
    }

    [Fact]
    public void Primitive_vector_append_uninitialized_exposes_slots()
    {
        using var vector = new PrimitiveVector<int>(ColumnType.Int32);
        vector.Append(1);
        Span<int> slots = vector.AppendUninitialized(3);
        slots[0] = 10;
        slots[1] = 20;
        slots[2] = 30;

        Assert.Equal([1, 10, 20, 30], vector.Values.ToArray());
    }

    [Fact]
    public void Binary_vector_stores_strings_as_offsets_and_bytes()
    {
        using var vector = new BinaryVector(ColumnType.String);
        vector.Append("héllo");
        vector.AppendNull();
        vector.Append(string.Empty);
        vector.Append("x");

        Assert.Equal(4, vector.Length);
        Assert.Equal([0, 6, 6, 6, 7], vector.Offsets.ToArray());
        Assert.Equal("héllo", vector.GetString(0));
        Assert.Null(vector.GetValue(1));
        Assert.Equal(string.Empty, vector.GetValue(2));
        Assert.Equal(1, vector.NullCount);
    }

    [Fact]
    public void Binary_vector_bulk_append_fills_offsets_and_bytes()
    {
        using var vector = new BinaryVector(ColumnType.Binary);
        vector.Append([1, 2]);
        vector.AppendUninitialized(2, 3, out Span<int> offsets, out Span<byte> bytes, out int start);
        bytes[0] = 7;
        bytes[1] = 8;
        bytes[2] = 9;
        offsets[0] = start + 1;
        offsets[1] = start + 3;

        Assert.Equal([7], vector.GetBytes(1).ToArray());
        Assert.Equal([8, 9], vector.GetBytes(2).ToArray());
    }

    [Fact]
    public void Fixed_binary_vector_rejects_wrong_width_and_reads_uuids()
    {
        using var vector = new FixedBinaryVector(ColumnType.Uuid);
        var id = Guid.Parse("f79c3e09-677c-4bbd-a479-3f349cb785e7");
        vector.Append(id.ToByteArray(bigEndian: true));

        Assert.Equal(id, vector.GetValue(0));
        Assert.Throws<ArgumentException>(() => vector.Append([1, 2, 3]));
    }

    [Fact]
    public void Nested_vectors_hold_structs_lists_and_maps()
    {
        ColumnType type = ColumnType.Struct(
            new ColumnField("tags", ColumnType.List(new ColumnField("element", ColumnType.String))),
            new ColumnField("attrs", ColumnType.Map(new ColumnField("key", ColumnType.String, false), new ColumnField("value", ColumnType.Int32))));
        using var vector = (StructVector)ColumnVector.Create(type);
        var tags = (ListVector)vector.Child(0);
        var attrs = (MapVector)vector.Child(1);

        ((BinaryVector)tags.Elements).Append("a");
        ((BinaryVector)tags.Elements).Append("b");
        tags.EndList();
        ((BinaryVector)attrs.Keys).Append("k");
        ((PrimitiveVector<int>)attrs.Values).Append(5);
        attrs.EndMap();
        vector.AppendStruct();
        vector.AppendNull();

        var first = (object?[])vector.GetValue(0)!;
        Assert.Equal(new List<object?> { "a", "b" }, first[0]);
        Assert.Equal([new KeyValuePair<object?, object?>("k", 5)], (List<KeyValuePair<object?, object?>>)first[1]!);
        Assert.Null(vector.GetValue(1));
        Assert.True(tags.IsNull(1));
        Assert.Equal(2, vector.Length);
    }

    [Fact]
    public void Reset_empties_vector_and_clears_nulls()
    {
        using var vector = new PrimitiveVector<double>(ColumnType.Float64);
        vector.AppendNull();
        vector.Append(1.5);
        vector.Reset();
        vector.Append(2.5);

        Assert.Equal(1, vector.Length);
        Assert.Equal(0, vector.NullCount);
        Assert.False(vector.IsNull(0));
    }

    [Fact]
    public void Set_validity_marks_nulls_in_bulk()
    {
        using var vector = new PrimitiveVector<int>(ColumnType.Int32);
        vector.AppendUninitialized(130);
        bool[] present = Enumerable.Range(0, 130).Select(i => i % 65 != 0).ToArray();

        vector.SetValidity(0, present);

        Assert.Equal(2, vector.NullCount);
        Assert.True(vector.IsNull(65));
        Assert.False(vector.IsNull(129));
        Assert.Throws<ArgumentOutOfRangeException>(() => vector.IsNull(130));
    }

    [Fact]
    public void Column_batch_checks_types_and_finds_columns_by_name()
    {
        ColumnField[] fields = [new("id", ColumnType.Int64, false), new("ts", ColumnType.Timestamp(TimeUnit.Microseconds, true))];
        using ColumnBatch batch = ColumnBatch.Create(fields);
        ((PrimitiveVector<long>)batch.Column("id")).Append(1);
        ((PrimitiveVector<long>)batch.Column("ts")).Append(2);

        batch.Validate();
        Assert.Equal(1, batch.RowCount);
        Assert.Throws<KeyNotFoundException>(() => batch.Column("nope"));
        Assert.Throws<ArgumentException>(() => new ColumnBatch(fields, [new PrimitiveVector<int>(ColumnType.Int32), new PrimitiveVector<long>(ColumnType.Int64)]));
        Assert.Equal("timestamptz(microseconds)", fields[1].Type.ToString());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(3, 61)]
    [InlineData(63, 2)]
    [InlineData(5, 200)]
    [InlineData(64, 64)]
    public void AppendNulls_matches_appending_nulls_one_by_one(int before, int count)
    {
        ColumnType[] types = [ColumnType.Int64, ColumnType.Float64, ColumnType.String, ColumnType.Uuid, ColumnType.List(new ColumnField("e", ColumnType.Int32, Nullable: true))];
        foreach (ColumnType type in types)
        {
            using ColumnVector bulk = ColumnVector.Create(type);
            using ColumnVector single = ColumnVector.Create(type);
            foreach (ColumnVector vector in new[] { bulk, single })
            {
                for (int i = 0; i < before; i++)
                {
                    // Alternate values and nulls so the bulk range starts on a bitmap that already has nulls.
                    if (i % 3 == 0)
                    {
                        vector.AppendNull();
                    }
                    else
                    {
                        AppendValue(vector, i);
                    }
                }
            }

            bulk.AppendNulls(count);
            for (int i = 0; i < count; i++)
            {
                single.AppendNull();
            }

            AppendValue(bulk, 7);
            AppendValue(single, 7);
            Assert.Equal(single.Length, bulk.Length);
            Assert.Equal(single.NullCount, bulk.NullCount);
            for (int row = 0; row < single.Length; row++)
            {
                Assert.Equal(single.IsNull(row), bulk.IsNull(row));
                Assert.Equal(single.GetValue(row), bulk.GetValue(row));
            }
        }
    }

    private static void AppendValue(ColumnVector vector, int i)
    {
        switch (vector)
        {
            case PrimitiveVector<long> longs:
                longs.Append(i);
                break;
            case PrimitiveVector<double> doubles:
                doubles.Append(i * 0.5);
                break;
            case BinaryVector strings:
                strings.Append("v" + i);
                break;
            case FixedBinaryVector fixedBinary:
                byte[] bytes = new byte[fixedBinary.ByteWidth];
                bytes[0] = (byte)i;
                fixedBinary.Append(bytes);
                break;
            default:
                vector.AppendNull();
                break;
        }
    }
}
