using System.Runtime.InteropServices;
using Floe.Common.Columnar;

namespace Floe.Common.Tests.Columnar;

public sealed class DetachBuffersTests
{
    [Fact]
    public void Detach_buffers_hands_over_values_and_validity_and_leaves_the_vector_empty_and_usable()
    {
        using var vector = new PrimitiveVector<long>(ColumnType.Int64);
        vector.AppendRange([1L, 2L, 3L]);
        vector.AppendNull();
        vector.Append(5L);

        using DetachedBuffers detached = vector.DetachBuffers();

        Assert.Equal((5, 1), (detached.Length, detached.NullCount));
        Assert.Equal([1L, 2L, 3L, 0L, 5L], MemoryMarshal.Cast<byte, long>(Assert.Single(detached.Buffers).Memory.Span).ToArray());
        Assert.Equal(0b10111, detached.Validity!.Memory.Span[0] & 0b11111);
        Assert.Equal((0, 0), (vector.Length, vector.NullCount));
        vector.Append(9L);
        Assert.Equal(9L, vector[0]);
        Assert.False(vector.IsNull(0));
    }

    [Fact]
    public void Detach_buffers_of_a_binary_vector_gives_offsets_then_bytes_and_no_validity_without_nulls()
    {
        using var vector = new BinaryVector(ColumnType.String);
        vector.Append("ab");
        vector.Append("cde");

        using DetachedBuffers detached = vector.DetachBuffers();

        Assert.Null(detached.Validity);
        Assert.Equal([0, 2, 5], MemoryMarshal.Cast<byte, int>(detached.Buffers[0].Memory.Span).ToArray());
        Assert.Equal("abcde"u8.ToArray(), detached.Buffers[1].Memory.ToArray());
        vector.Append("x");
        Assert.Equal("x", vector.GetString(0));
    }

    [Fact]
    public void Detached_memory_refuses_reads_once_returned_to_the_pool()
    {
        using var vector = new PrimitiveVector<int>(ColumnType.Int32);
        vector.Append(1);
        DetachedBuffers detached = vector.DetachBuffers();
        Memory<byte> memory = detached.Buffers[0].Memory;

        detached.Dispose();

        Assert.Throws<ObjectDisposedException>(() => memory.Span.Length);
    }

    [Fact]
    public void Set_validity_bits_marks_rows_whose_bit_is_clear_from_any_bit_offset()
    {
        using var vector = new PrimitiveVector<int>(ColumnType.Int32);
        vector.AppendUninitialized(20).Clear();
        byte[] bitmap = [0b1111_1111, 0b1111_1111, 0b0111_1110, 0b1111_1111];

        vector.SetValidityBits(2, 18, bitmap, 13);

        int[] nulls = [.. Enumerable.Range(0, 20).Where(vector.IsNull)];
        Assert.Equal([2 + (16 - 13), 2 + (23 - 13)], nulls);
        Assert.Equal(2, vector.NullCount);
    }
}
