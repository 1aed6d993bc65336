using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Transforms;

/// <summary>
/// A partition or sort transform: identity, bucket[N], truncate[W], year, month, day, hour or void.
/// Transforms are immutable and compare by their string form.
/// </summary>
public abstract class Transform : IEquatable<Transform>
{
    private protected Transform()
    {
    }

    public static Transform Identity { get; } = new IdentityTransform();

    public static Transform Year { get; } = new TimeTransform(TimeUnit.Year);

    public static Transform Month { get; } = new TimeTransform(TimeUnit.Month);

    public static Transform Day { get; } = new TimeTransform(TimeUnit.Day);

    public static Transform Hour { get; } = new TimeTransform(TimeUnit.Hour);

    public static Transform Void { get; } = new VoidTransform();

    public static Transform Bucket(int numBuckets) => new BucketTransform(numBuckets);

    public static Transform Truncate(int width) => new TruncateTransform(width);

    /// <summary>
    /// Parses a transform string (<c>identity</c>, <c>bucket[16]</c>, <c>truncate[10]</c>, <c>day</c>, ...). Unknown names
    /// give an <see cref="UnknownTransform"/>, which readers keep but cannot apply.
    /// </summary>
    public static Transform Parse(string text) => TransformParser.Parse(text);

    /// <summary>True when the transform can be applied to values of <paramref name="sourceType"/>.</summary>
    public abstract bool CanTransform(IcebergType sourceType);

    /// <summary>The type of the transformed values.</summary>
    public abstract IcebergType ResultType(IcebergType sourceType);

    /// <summary>Transforms one source value; null gives null.</summary>
    public abstract Literal Apply(Literal value);

    /// <summary>True when a ≤ b implies f(a) ≤ f(b), so range predicates can be projected.</summary>
    public virtual bool PreservesOrder => false;

    public bool IsIdentity => this is IdentityTransform;

    public bool IsVoid => this is VoidTransform;

    /// <summary>The suffix Java's partition spec builder uses for default field names (<c>_bucket</c>, <c>_day</c>, ...).</summary>
    internal abstract string DefaultNameSuffix { get; }

    /// <summary>
    /// The key that makes two partition fields on one source redundant: the transform string, except that all time
    /// transforms share one key (a table cannot be partitioned by both day(ts) and hour(ts)).
    /// </summary>
    internal virtual string DedupName => ToString();

    /// <summary>The value as it appears in partition paths: "2017-11-16" for a day, "2017" for a year, "null" for null.</summary>
    public virtual string ToHumanString(Literal transformedValue) => HumanString.Of(transformedValue);

    public abstract override string ToString();

    public bool Equals(Transform? other) => other is not null && other.ToString() == ToString();

    public override bool Equals(object? obj) => obj is Transform other && Equals(other);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(Transform? left, Transform? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Transform? left, Transform? right) => !(left == right);
}
