using System.Buffers;
using System.Text;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Transforms;

/// <summary>
/// bucket[N]: <c>(murmur3_x86_32(bytes) &amp; int.MaxValue) % N</c> over the bytes the spec defines per type
/// (ints, dates, times and timestamps as 8-byte little-endian longs, decimals as minimal big-endian unscaled bytes,
/// strings as UTF-8, UUIDs as 16 big-endian bytes).
/// </summary>
public sealed class BucketTransform : Transform
{
    internal BucketTransform(int numBuckets)
    {
        if (numBuckets <= 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid number of buckets {numBuckets}: must be positive.");
        }

        NumBuckets = numBuckets;
    }

    public int NumBuckets { get; }

    internal override string DefaultNameSuffix => "_bucket";

    public override bool CanTransform(IcebergType sourceType) => sourceType.TypeId is TypeId.Int or TypeId.Long or TypeId.Decimal
        or TypeId.Date or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz or TypeId.TimestampNs or TypeId.TimestampTzNs
        or TypeId.String or TypeId.Uuid or TypeId.Fixed or TypeId.Binary;

    public override IcebergType ResultType(IcebergType sourceType) => PrimitiveType.Int;

    public override Literal Apply(Literal value) => value.IsNull ? Literal.Null : Literal.Of(BucketOf(Hash(value)));

    /// <summary>The bucket of an already computed hash.</summary>
    public int BucketOf(int hash) => (hash & int.MaxValue) % NumBuckets;

    /// <summary>The spec's 32-bit hash of a value (before the bucket modulus).</summary>
    /// <exception cref="FloeException">The value's type cannot be bucketed (boolean, float, double).</exception>
    public static int Hash(Literal value)
    {
        switch (value.TypeId)
        {
            case TypeId.Int or TypeId.Long or TypeId.Date or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz:
                return Murmur3.HashLong(value.AsLong());
            case TypeId.TimestampNs or TypeId.TimestampTzNs:
                return Murmur3.HashLong(DateTimeUtil.MicrosFromNanos(value.AsLong()));
            case TypeId.Decimal:
                Span<byte> unscaled = stackalloc byte[16];
                int length = SingleValueBinary.DecimalByteCount(value.DecimalUnscaled);
                SingleValueBinary.WriteDecimal(value.DecimalUnscaled, unscaled[..length]);
                return Murmur3.HashBytes(unscaled[..length]);
            case TypeId.String:
                return HashString(value.AsString());
            case TypeId.Uuid or TypeId.Fixed or TypeId.Binary:
                return Murmur3.HashBytes(value.AsBytes());
            default:
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot bucket a {value.TypeId.ToString().ToLowerInvariant()} value.");
        }
    }

    /// <summary>Hash of a string's UTF-8 bytes, without allocating for short strings.</summary>
    public static int HashString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 256)
        {
            Span<byte> buffer = stackalloc byte[256];
            int written = Encoding.UTF8.GetBytes(value, buffer);
            return Murmur3.HashBytes(buffer[..written]);
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            int written = Encoding.UTF8.GetBytes(value, rented);
            return Murmur3.HashBytes(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override string ToString() => $"bucket[{NumBuckets}]";
}
