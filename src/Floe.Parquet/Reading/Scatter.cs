namespace Floe.Parquet.Reading;

/// <summary>
/// Spreads densely decoded non-null values over their slots in place, back to front, so nulls need no second
/// buffer: after decoding <c>nonNull</c> values into the front of the slot span, each value moves to the slot whose
/// presence flag is set.
/// </summary>
internal static class Scatter
{
    public static void Values<T>(Span<T> slots, int nonNull, ReadOnlySpan<bool> presence)
    {
        int k = nonNull - 1;
        for (int i = slots.Length - 1; i > k; i--)
        {
            if (presence[i])
            {
                slots[i] = slots[k--];
            }
            else
            {
                slots[i] = default!;
            }
        }
    }

    /// <summary>Spreads fixed-width byte values of <paramref name="width"/> bytes; null slots are zeroed.</summary>
    public static void FixedBytes(Span<byte> slots, int width, int nonNull, ReadOnlySpan<bool> presence)
    {
        int k = nonNull - 1;
        for (int i = presence.Length - 1; i > k; i--)
        {
            Span<byte> slot = slots.Slice(i * width, width);
            if (presence[i])
            {
                slots.Slice(k * width, width).CopyTo(slot);
                k--;
            }
            else
            {
                slot.Clear();
            }
        }
    }

    /// <summary>Spreads end offsets; a null slot ends where the previous value ends.</summary>
    public static void EndOffsets(Span<int> ends, int nonNull, ReadOnlySpan<bool> presence, int dataStart)
    {
        int k = nonNull - 1;
        for (int i = ends.Length - 1; i > k; i--)
        {
            if (presence[i])
            {
                ends[i] = ends[k--];
            }
            else
            {
                ends[i] = k >= 0 ? ends[k] : dataStart;
            }
        }
    }
}
