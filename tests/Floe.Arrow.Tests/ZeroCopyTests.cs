using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Floe.Common.Columnar;
using Floe.Core.Types;
using IcebergSchema = Floe.Core.Schemas.Schema;

namespace Floe.Arrow.Tests;

public sealed class ZeroCopyTests
{
    private static readonly IcebergSchema Schema = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "tags", Floe.Core.Types.ListType.OfOptional(4, PrimitiveType.Int)),
    ]);

    [Fact]
    public void Record_batch_buffers_are_the_vectors_own_memory()
    {
        using ColumnBatch batch = Samples.Build(Schema, 100);
        var ids = (PrimitiveVector<long>)batch.Column(0);
        var names = (BinaryVector)batch.Column(1);
        var tags = (ListVector)batch.Column(2);
        ref readonly long firstId = ref MemoryMarshal.GetReference(ids.Values);
        ref readonly int firstNameOffset = ref MemoryMarshal.GetReference(names.Offsets);
        ref readonly byte firstNameByte = ref MemoryMarshal.GetReference(names.Data);
        ref readonly ulong firstValidityWord = ref MemoryMarshal.GetReference(names.ValidityWords);
        ref readonly int firstListOffset = ref MemoryMarshal.GetReference(tags.Offsets);
        ref readonly int firstElement = ref MemoryMarshal.GetReference(((PrimitiveVector<int>)tags.Elements).Values);

        using RecordBatch arrow = ArrowBatches.ToRecordBatch(batch, Schema);

        var idArray = (Int64Array)arrow.Column(0);
        var nameArray = (StringArray)arrow.Column(1);
        var tagArray = (ListArray)arrow.Column(2);
        Assert.True(Same(in firstId, idArray.ValueBuffer));
        Assert.True(Same(in firstNameOffset, nameArray.ValueOffsetsBuffer));
        Assert.True(Same(in firstNameByte, nameArray.ValueBuffer));
        Assert.True(Same(in firstValidityWord, nameArray.NullBitmapBuffer));
        Assert.True(Same(in firstListOffset, tagArray.ValueOffsetsBuffer));
        Assert.True(Same(in firstElement, ((Int32Array)tagArray.Values).ValueBuffer));
    }

    [Fact]
    public void Record_batch_keeps_its_values_while_floe_disposes_and_reuses_pooled_arrays()
    {
        ColumnBatch batch = Samples.Build(Schema, 1000);
        List<string[]> expected = Samples.Rows(batch);
        using RecordBatch arrow = ArrowBatches.ToRecordBatch(batch, Schema);

        // Disposing and refilling batches rents the same pooled array sizes; none may land under the record batch.
        batch.Dispose();
        for (int round = 0; round < 8; round++)
        {
            using ColumnBatch other = ColumnBatch.Create(batch.Fields, 1000);
            for (int r = 0; r < 1000; r++)
            {
                ((PrimitiveVector<long>)other.Column(0)).Append(-1);
                ((BinaryVector)other.Column(1)).Append("overwritten!");
                ((ListVector)other.Column(2)).Elements.AppendNull();
                ((ListVector)other.Column(2)).EndList();
            }
        }

        Assert.Equal(expected, Samples.Rows(arrow));
    }

    [Fact]
    public void Disposed_record_batch_returns_its_buffers_and_refuses_reads_of_them()
    {
        using ColumnBatch batch = Samples.Build(Schema, 10);
        RecordBatch arrow = ArrowBatches.ToRecordBatch(batch, Schema);
        ReadOnlyMemory<byte> ids = ((Int64Array)arrow.Column(0)).ValueBuffer.Memory;
        Assert.Equal(10 * sizeof(long), ids.Length);

        arrow.Dispose();

        Assert.Throws<ObjectDisposedException>(() => ids.Span.Length);
    }

    [Fact]
    public void Column_batch_from_arrow_holds_copies_that_outlive_the_record_batch()
    {
        using ColumnBatch source = Samples.Build(Schema, 50);
        List<string[]> expected = Samples.Rows(source);
        RecordBatch arrow = ArrowBatches.ToRecordBatch(source, Schema);
        ReadOnlyMemory<byte> arrowIds = ((Int64Array)arrow.Column(0)).ValueBuffer.Memory;

        using ColumnBatch back = ArrowBatches.ToColumnBatch(arrow, Schema);

        Assert.False(Same(in MemoryMarshal.GetReference(((PrimitiveVector<long>)back.Column(0)).Values), new ArrowBuffer(arrowIds)));
        arrow.Dispose();
        Assert.Equal(expected, Samples.Rows(back));
    }

    private static bool Same<T>(ref readonly T first, ArrowBuffer buffer)
        where T : unmanaged =>
        Unsafe.AreSame(
            ref Unsafe.As<T, byte>(ref Unsafe.AsRef(in first)),
            ref MemoryMarshal.GetReference(buffer.Span));
}
