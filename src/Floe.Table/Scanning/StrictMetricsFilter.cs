using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.Scanning;

/// <summary>
/// Decides from a file's column metrics whether <em>every</em> row of it matches a row filter: the strict counterpart of
/// <see cref="MetricsFilter"/>. A file is reported as all-matching only when its counts and bounds prove it (so it can
/// be dropped whole by a metadata-only delete); missing or unreadable metrics, columns that may hold nulls or NaN where
/// that matters, and fields inside lists or maps all answer "some rows may not match".
/// </summary>
public sealed class StrictMetricsFilter
{
    private readonly Expression _filter;
    private readonly Schema _schema;

    public StrictMetricsFilter(Schema schema, Expression rowFilter, bool caseSensitive = true)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rowFilter);
        _schema = schema;
        Expression bound = Binder.IsBound(rowFilter) ? rowFilter : Binder.Bind(schema, rowFilter, caseSensitive);
        _filter = RewriteNot.Rewrite(bound);
    }

    /// <summary>True when the metrics prove that every row of <paramref name="file"/> matches the filter.</summary>
    public bool AllRowsMatch(ContentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.RecordCount == 0)
        {
            return true;
        }

        // A negative count comes from an imported file whose rows are unknown: nothing can be proven.
        return file.RecordCount > 0 && Eval(_filter, file);
    }

    private bool Eval(Expression expression, ContentFile file) => expression switch
    {
        TrueExpression => true,
        FalseExpression => false,
        And and => Eval(and.Left, file) && Eval(and.Right, file),
        Or or => Eval(or.Left, file) || Eval(or.Right, file),
        BoundPredicate predicate => AllMatch(predicate, file),
        _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot evaluate {expression} on file metrics."),
    };

    private bool AllMatch(BoundPredicate predicate, ContentFile file)
    {
        int id = predicate.Ref.FieldId;
        if (InsideListOrMap(id))
        {
            // Counts of repeated fields are per element, not per row: they prove nothing about rows.
            return false;
        }

        long? valueCount = Count(file.ValueCounts, id);
        long? nullCount = Count(file.NullValueCounts, id);
        long? nanCount = Count(file.NanValueCounts, id);
        bool nullsOnly = valueCount is long v && nullCount is long n && v == n;
        bool nansOnly = valueCount is long v2 && nanCount is long nan && v2 == nan;
        bool noNulls = nullCount is 0 || NeverNull(id);
        bool floating = predicate.Ref.Type.TypeId is TypeId.Float or TypeId.Double;
        bool noNaNs = !floating || nanCount is 0;
        switch (predicate.Op)
        {
            case Operation.IsNull:
                return nullsOnly;
            case Operation.NotNull:
                return noNulls;
            case Operation.IsNaN:
                return nansOnly;
            case Operation.NotNaN:
                return nullsOnly || noNaNs;
            case Operation.NotEqual or Operation.NotIn or Operation.NotStartsWith when nullsOnly || nansOnly:
                // A comparison with null (or NaN) is false, so its negation holds for every row.
                return true;
            default:
                break;
        }

        Literal lower = Bound(file.LowerBounds, predicate.Ref);
        Literal upper = Bound(file.UpperBounds, predicate.Ref);
        if ((!lower.IsNull && MetricsFilter.IsNaN(lower)) || (!upper.IsNull && MetricsFilter.IsNaN(upper)))
        {
            return false;
        }

        switch (predicate.Op)
        {
            case Operation.NotEqual:
                // Nulls and NaN are unequal to any number, so they never break these.
                return (!lower.IsNull && lower.CompareTo(predicate.Literal) > 0) || (!upper.IsNull && upper.CompareTo(predicate.Literal) < 0);
            case Operation.NotIn:
                return predicate.Literals.All(l => (!lower.IsNull && lower.CompareTo(l) > 0) || (!upper.IsNull && upper.CompareTo(l) < 0));
            case Operation.NotStartsWith:
                return !MetricsFilter.StartsWithMightMatch(predicate.Literal.AsString(), lower, upper);
            default:
                break;
        }

        // The remaining predicates are false for a null or NaN row, so the file must hold neither.
        if (!noNulls || !noNaNs)
        {
            return false;
        }

        return predicate.Op switch
        {
            Operation.LessThan => !upper.IsNull && upper.CompareTo(predicate.Literal) < 0,
            Operation.LessThanOrEqual => !upper.IsNull && upper.CompareTo(predicate.Literal) <= 0,
            Operation.GreaterThan => !lower.IsNull && lower.CompareTo(predicate.Literal) > 0,
            Operation.GreaterThanOrEqual => !lower.IsNull && lower.CompareTo(predicate.Literal) >= 0,
            Operation.Equal => !lower.IsNull && !upper.IsNull && lower.CompareTo(predicate.Literal) == 0 && upper.CompareTo(predicate.Literal) == 0,
            Operation.In => !lower.IsNull && !upper.IsNull && lower.CompareTo(upper) == 0 && predicate.Literals.Any(l => lower.CompareTo(l) == 0),
            Operation.StartsWith => StartsWithAll(predicate.Literal.AsString(), lower, upper),
            _ => false,
        };
    }

    /// <summary>Every value lies between two strings that both start with the prefix, so every value does.</summary>
    private static bool StartsWithAll(string prefix, Literal lower, Literal upper) =>
        !lower.IsNull && !upper.IsNull && lower.TypeId == TypeId.String && upper.TypeId == TypeId.String
        && lower.AsString().StartsWith(prefix, StringComparison.Ordinal)
        && upper.AsString().StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>A required field whose enclosing structs are all required cannot be null.</summary>
    private bool NeverNull(int id)
    {
        for (int? current = id; current is int fieldId; current = _schema.FindParentId(fieldId))
        {
            if (_schema.FindField(fieldId) is not { IsRequired: true })
            {
                return false;
            }
        }

        return true;
    }

    private bool InsideListOrMap(int id)
    {
        for (int? parent = _schema.FindParentId(id); parent is int parentId; parent = _schema.FindParentId(parentId))
        {
            if (_schema.FindField(parentId)?.Type is ListType or MapType)
            {
                return true;
            }
        }

        return false;
    }

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
            return Literal.Null;
        }
    }
}
