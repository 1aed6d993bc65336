using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.Scanning;

/// <summary>
/// Decides from a file's column metrics (value, null and NaN counts, lower and upper bounds) whether it may hold rows
/// matching a row filter. Inclusive: a file is dropped only when no row can match; missing metrics keep it.
/// </summary>
public sealed class MetricsFilter
{
    /// <summary>Set predicates with more values than this are not checked against bounds (as in Java).</summary>
    private const int InLimit = 200;

    private readonly Expression _filter;

    public MetricsFilter(Schema schema, Expression rowFilter, bool caseSensitive = true)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rowFilter);
        Expression bound = Binder.IsBound(rowFilter) ? rowFilter : Binder.Bind(schema, rowFilter, caseSensitive);
        _filter = RewriteNot.Rewrite(bound);
    }

    public bool MightMatch(ContentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.RecordCount == 0)
        {
            return false;
        }

        // Negative counts come from imported files whose row count is unknown.
        return file.RecordCount < 0 || Eval(_filter, file);
    }

    private static bool Eval(Expression expression, ContentFile file) => expression switch
    {
        TrueExpression => true,
        FalseExpression => false,
        And and => Eval(and.Left, file) && Eval(and.Right, file),
        Or or => Eval(or.Left, file) || Eval(or.Right, file),
        BoundPredicate predicate => MightMatch(predicate, file),
        _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot evaluate {expression} on file metrics."),
    };

    private static bool MightMatch(BoundPredicate predicate, ContentFile file)
    {
        int id = predicate.Ref.FieldId;
        long? valueCount = Count(file.ValueCounts, id);
        long? nullCount = Count(file.NullValueCounts, id);
        long? nanCount = Count(file.NanValueCounts, id);
        bool nullsOnly = valueCount is long v && nullCount is long n && v == n;
        bool nansOnly = valueCount is long v2 && nanCount is long nan && v2 == nan;
        switch (predicate.Op)
        {
            case Operation.IsNull:
                return nullCount is not 0;
            case Operation.NotNull:
                return !nullsOnly;
            case Operation.IsNaN:
                return nanCount is not 0 && !nullsOnly;
            case Operation.NotNaN:
                return !nansOnly;
            case Operation.NotEqual or Operation.NotIn or Operation.NotStartsWith:
                return true;
            default:
                break;
        }

        if (nullsOnly || nansOnly)
        {
            return false;
        }

        Literal lower = Bound(file.LowerBounds, predicate.Ref);
        Literal upper = Bound(file.UpperBounds, predicate.Ref);

        // A NaN lower bound (written by old versions) says nothing about the other values.
        if (!lower.IsNull && IsNaN(lower))
        {
            lower = Literal.Null;
        }

        if (!upper.IsNull && IsNaN(upper))
        {
            upper = Literal.Null;
        }

        return predicate.Op switch
        {
            Operation.LessThan => lower.IsNull || lower.CompareTo(predicate.Literal) < 0,
            Operation.LessThanOrEqual => lower.IsNull || lower.CompareTo(predicate.Literal) <= 0,
            Operation.GreaterThan => upper.IsNull || upper.CompareTo(predicate.Literal) > 0,
            Operation.GreaterThanOrEqual => upper.IsNull || upper.CompareTo(predicate.Literal) >= 0,
            Operation.Equal => InRange(predicate.Literal, lower, upper),
            Operation.In => predicate.Literals.Count > InLimit || predicate.Literals.Any(l => InRange(l, lower, upper)),
            Operation.StartsWith => StartsWithMightMatch(predicate.Literal.AsString(), lower, upper),
            _ => true,
        };
    }

    internal static bool InRange(Literal value, Literal lower, Literal upper) =>
        (lower.IsNull || lower.CompareTo(value) <= 0) && (upper.IsNull || upper.CompareTo(value) >= 0);

    internal static bool StartsWithMightMatch(string prefix, Literal lower, Literal upper)
    {
        if (!lower.IsNull && lower.TypeId == TypeId.String)
        {
            string low = lower.AsString();
            string head = low.Length > prefix.Length ? low[..prefix.Length] : low;
            if (Literal.CompareStrings(head, prefix) > 0)
            {
                return false;
            }
        }

        if (!upper.IsNull && upper.TypeId == TypeId.String)
        {
            string high = upper.AsString();
            string head = high.Length > prefix.Length ? high[..prefix.Length] : high;
            if (Literal.CompareStrings(head, prefix) < 0)
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsNaN(Literal value) =>
        (value.TypeId is TypeId.Float or TypeId.Double) && double.IsNaN(value.AsDouble());

    private static long? Count(IReadOnlyDictionary<int, long>? counts, int id) =>
        counts is not null && counts.TryGetValue(id, out long count) ? count : null;

    private static Literal Bound(IReadOnlyDictionary<int, byte[]>? bounds, BoundReference reference)
    {
        if (bounds is null || !bounds.TryGetValue(reference.FieldId, out byte[]? bytes))
        {
            return Literal.Null;
        }

        try
        {
            return SingleValueBinary.Read(reference.Type, bytes);
        }
        catch (FloeException)
        {
            // A bound in a form this type cannot read (an older type of an evolved column): treat it as unknown.
            return Literal.Null;
        }
    }
}
