using System.Buffers;
using System.Numerics;

namespace Floe.Common.Columnar;

/// <summary>
/// A column of values with a validity bitmap (bit set = value present, as in Arrow). Subclasses hold the values in
/// pooled arrays; a vector is reused batch after batch through <see cref="Reset"/> and returns its arrays to the pool
/// on <see cref="Dispose"/>. Values stay in place: no object per value.
/// </summary>
public abstract class ColumnVector : IDisposable
{
    private ulong[]? _validity;
    private bool _disposed;

    protected ColumnVector(ColumnType type)
    {
        Type = type;
    }

    public ColumnType Type { get; }

    /// <summary>Number of rows (values and nulls) in the vector.</summary>
    public int Length { get; protected set; }

    /// <summary>Number of null rows.</summary>
    public int NullCount { get; private set; }

    /// <summary>True when some row is null; when false, <see cref="ValidityWords"/> may be empty.</summary>
    public bool HasNulls => NullCount > 0;

    /// <summary>
    /// The validity bitmap words (bit i of word i/64 set = row i present), or empty while no row is null.
    /// </summary>
    public ReadOnlySpan<ulong> ValidityWords
    {
        get
        {
            if (_validity is null)
            {
                return default;
            }

            // Rows appended after the last null may reach past the bitmap; they are present, so extend it with ones.
            int words = WordCount(Length);
            if (_validity.Length < words)
            {
                GrowValidity(words);
            }

            return _validity.AsSpan(0, words);
        }
    }

    /// <summary>Creates an empty vector for <paramref name="type"/>.</summary>
    public static ColumnVector Create(ColumnType type, int capacity = 0) => type.Kind switch
    {
        ColumnKind.Boolean => new PrimitiveVector<bool>(type, capacity),
        ColumnKind.Int32 or ColumnKind.Date => new PrimitiveVector<int>(type, capacity),
        ColumnKind.Int64 or ColumnKind.Time or ColumnKind.Timestamp => new PrimitiveVector<long>(type, capacity),
        ColumnKind.Float32 => new PrimitiveVector<float>(type, capacity),
        ColumnKind.Float64 => new PrimitiveVector<double>(type, capacity),
        ColumnKind.Decimal => new PrimitiveVector<Int128>(type, capacity),
        ColumnKind.String or ColumnKind.Binary => new BinaryVector(type, capacity),
        ColumnKind.FixedBinary or ColumnKind.Uuid => new FixedBinaryVector(type, capacity),
        ColumnKind.Struct => new StructVector(type, capacity),
        ColumnKind.List => new ListVector(type, capacity),
        ColumnKind.Map => new MapVector(type, capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "unknown column kind"),
    };

    public bool IsNull(int row)
    {
        if ((uint)row >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be below the vector length {Length}");
        }

        return _validity is not null && (row >> 6) < _validity.Length && (_validity[row >> 6] & (1UL << row)) == 0;
    }

    /// <summary>Appends a null row.</summary>
    public abstract void AppendNull();

    /// <summary>Appends <paramref name="count"/> null rows.</summary>
    public virtual void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (int i = 0; i < count; i++)
        {
            AppendNull();
        }
    }

    /// <summary>The value at <paramref name="row"/> as an object (null for a null row). For display and tests, not hot paths.</summary>
    public object? GetValue(int row) => IsNull(row) ? null : GetValueCore(row);

    /// <summary>Empties the vector, keeping its buffers for reuse.</summary>
    public virtual void Reset()
    {
        Length = 0;
        NullCount = 0;
        if (_validity is not null)
        {
            ArrayPool<ulong>.Shared.Return(_validity);
            _validity = null;
        }
    }

    /// <summary>
    /// Marks rows as null in bulk from a span where <c>true</c> means present; rows must already be counted in
    /// <see cref="Length"/>. Used by decoders that fill values first and validity after.
    /// </summary>
    public void SetValidity(int start, ReadOnlySpan<bool> present)
    {
        if (start < 0 || start + present.Length > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), "validity range exceeds the vector length");
        }

        for (int i = 0; i < present.Length; i++)
        {
            if (!present[i])
            {
                MarkNull(start + i);
            }
        }
    }

    /// <summary>
    /// Marks rows as null in bulk from a validity bitmap (bit set = present, least significant bit first, as in
    /// Arrow): row <paramref name="start"/> + i takes bit <paramref name="bitOffset"/> + i. Rows must already be
    /// counted in <see cref="Length"/>; rows already null stay null.
    /// </summary>
    public void SetValidityBits(int start, int count, ReadOnlySpan<byte> bitmap, int bitOffset)
    {
        if (start < 0 || count < 0 || start + count > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), "validity range exceeds the vector length");
        }

        if (bitOffset < 0 || (long)bitOffset + count > (long)bitmap.Length * 8)
        {
            throw new ArgumentOutOfRangeException(nameof(bitOffset), "the bitmap is shorter than the rows it describes");
        }

        for (int i = 0; i < count;)
        {
            int bit = bitOffset + i;
            byte bits = bitmap[bit >> 3];
            if ((bit & 7) == 0 && count - i >= 8 && bits == byte.MaxValue)
            {
                i += 8;
                continue;
            }

            if ((bits & (1 << (bit & 7))) == 0)
            {
                MarkNull(start + i);
            }

            i++;
        }
    }

    /// <summary>
    /// Hands this vector's own buffers to the caller, who owns them from now on, and leaves the vector empty and
    /// usable; the children of a struct, list or map are detached on their own. Lets a consumer such as an Arrow
    /// array share the values without copying them and without the vector returning them to the pool under it.
    /// </summary>
    public DetachedBuffers DetachBuffers()
    {
        IMemoryOwner<byte>? validity = null;
        if (_validity is not null)
        {
            int words = ValidityWords.Length;
            validity = new PooledArrayMemory<ulong>(_validity, words);
            _validity = null;
        }

        var detached = new DetachedBuffers(Length, NullCount, validity, DetachValueBuffers());
        Length = 0;
        NullCount = 0;
        return detached;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Reset();
        ReleaseBuffers();
        GC.SuppressFinalize(this);
    }

    /// <summary>Bytes of the arrays the vector holds (their allocated lengths, children included), for bounding caches.</summary>
    public long AllocatedBytes => ((_validity?.Length ?? 0) * (long)sizeof(ulong)) + ValueBytes;

    /// <summary>Bytes of the arrays behind the values (offsets, data, children), not the validity bitmap.</summary>
    protected abstract long ValueBytes { get; }

    protected abstract object GetValueCore(int row);

    /// <summary>Returns the subclass's pooled buffers.</summary>
    protected abstract void ReleaseBuffers();

    /// <summary>
    /// Hands over the subclass's own buffers sized to <see cref="Length"/> rows and takes empty ones in their place,
    /// leaving children alone; <see cref="Length"/> is still the old length while this runs.
    /// </summary>
    protected abstract IMemoryOwner<byte>[] DetachValueBuffers();

    /// <summary>The first <paramref name="count"/> items of a pooled array as owned memory.</summary>
    protected static IMemoryOwner<byte> Owned<T>(T[] array, int count)
        where T : unmanaged => new PooledArrayMemory<T>(array, count);

    /// <summary>Marks an existing row null.</summary>
    protected void MarkNull(int row)
    {
        if (_validity is null)
        {
            int words = WordCount(Math.Max(Length, 64));
            _validity = ArrayPool<ulong>.Shared.Rent(words);
            _validity.AsSpan().Fill(ulong.MaxValue);
        }
        else if ((row >> 6) >= _validity.Length)
        {
            GrowValidity((row >> 6) + 1);
        }

        ref ulong word = ref _validity[row >> 6];
        ulong bit = 1UL << row;
        if ((word & bit) != 0)
        {
            word &= ~bit;
            NullCount++;
        }
    }

    /// <summary>Marks the existing rows <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> null, a bitmap word at a time.</summary>
    protected void MarkNulls(int start, int count)
    {
        if (count == 0)
        {
            return;
        }

        int end = start + count;
        int words = WordCount(Math.Max(end, 64));
        if (_validity is null)
        {
            _validity = ArrayPool<ulong>.Shared.Rent(words);
            _validity.AsSpan().Fill(ulong.MaxValue);
        }
        else if (_validity.Length < words)
        {
            GrowValidity(words);
        }

        for (int row = start; row < end;)
        {
            int bit = row & 63;
            int take = Math.Min(64 - bit, end - row);
            ulong mask = (take == 64 ? ulong.MaxValue : ((1UL << take) - 1)) << bit;
            ref ulong word = ref _validity[row >> 6];
            NullCount += BitOperations.PopCount(word & mask);
            word &= ~mask;
            row += take;
        }
    }

    /// <summary>Grows a pooled array to hold at least <paramref name="required"/> items, keeping <paramref name="used"/> items.</summary>
    protected static T[] Grow<T>(T[] array, int used, int required)
    {
        if (required <= array.Length)
        {
            return array;
        }

        int size = (int)Math.Min(Array.MaxLength, Math.Max((long)required, BitOperations.RoundUpToPowerOf2((uint)Math.Max(required, 16))));
        T[] grown = ArrayPool<T>.Shared.Rent(size);
        array.AsSpan(0, used).CopyTo(grown);
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
        }

        return grown;
    }

    protected static T[] Rent<T>(int capacity) => capacity <= 0 ? [] : ArrayPool<T>.Shared.Rent(capacity);

    protected static void Return<T>(T[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }

    private void GrowValidity(int words)
    {
        ulong[] old = _validity!;
        ulong[] grown = ArrayPool<ulong>.Shared.Rent(Math.Max(old.Length * 2, words));
        old.CopyTo(grown, 0);
        grown.AsSpan(old.Length).Fill(ulong.MaxValue);
        ArrayPool<ulong>.Shared.Return(old);
        _validity = grown;
    }

    private static int WordCount(int length) => (length + 63) >> 6;
}
