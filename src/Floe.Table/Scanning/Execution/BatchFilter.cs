using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.Scanning.Execution;

/// <summary>
/// Evaluates a bound row filter on a whole batch into a row mask. Comparisons of int, long, date, time, timestamp,
/// float and double columns and of strings run straight on the vectors' values; other predicates fall back to one
/// <see cref="Evaluator.Test"/> per row. Results match <see cref="Evaluator"/>: a comparison with null is false and
/// its negation (!=, not in, not starts with) true.
/// </summary>
internal sealed class BatchFilter
{
    private readonly Expression _filter;
    private readonly Dictionary<int, FieldAccessor> _fields = [];
    private readonly Dictionary<BoundPredicate, object> _prepared = new(ReferenceEqualityComparer.Instance);

    public BatchFilter(Expression boundFilter, Schema readSchema)
    {
        _filter = boundFilter;
        Prepare(boundFilter, readSchema);
    }

    /// <summary>Clears <paramref name="mask"/> entries (one per row) of rows that fail the filter.</summary>
    public void Apply(ColumnBatch batch, Span<bool> mask)
    {
        var chains = new Dictionary<int, ColumnVector[]>(_fields.Count);
        foreach ((int id, FieldAccessor field) in _fields)
        {
            chains[id] = field.Resolve(batch);
        }

        bool[] result = ArrayPool<bool>.Shared.Rent(mask.Length);
        try
        {
            Span<bool> values = result.AsSpan(0, mask.Length);
            Eval(_filter, chains, values);
            MaskVectors.And(mask, values);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(result);
        }
    }

    private void Prepare(Expression expression, Schema readSchema)
    {
        switch (expression)
        {
            case And and:
                Prepare(and.Left, readSchema);
                Prepare(and.Right, readSchema);
                break;
            case Or or:
                Prepare(or.Left, readSchema);
                Prepare(or.Right, readSchema);
                break;
            case Not not:
                Prepare(not.Child, readSchema);
                break;
            case BoundPredicate predicate:
                if (!_fields.ContainsKey(predicate.Ref.FieldId))
                {
                    _fields[predicate.Ref.FieldId] = FieldAccessor.Create(readSchema, predicate.Ref.FieldId);
                }

                if (predicate.Ref.Type.TypeId == TypeId.String && predicate.Literals.Count > 0)
                {
                    _prepared[predicate] = predicate.Literals.Select(l => Encoding.UTF8.GetBytes(l.AsString())).ToArray();
                }
                else if (predicate.Op is Operation.In or Operation.NotIn && IsIntegral(predicate.Ref.Type.TypeId))
                {
                    _prepared[predicate] = predicate.Literals.Select(l => l.AsLong()).ToHashSet();
                }

                break;
            default:
                break;
        }
    }

    private void Eval(Expression expression, Dictionary<int, ColumnVector[]> chains, Span<bool> result)
    {
        switch (expression)
        {
            case TrueExpression:
                result.Fill(true);
                break;
            case FalseExpression:
                result.Fill(false);
                break;
            case And and:
                Combine(and.Left, and.Right, chains, result, isAnd: true);
                break;
            case Or or:
                Combine(or.Left, or.Right, chains, result, isAnd: false);
                break;
            case Not not:
                Eval(not.Child, chains, result);
                MaskVectors.Not(result);

                break;
            case BoundPredicate predicate:
                Test(predicate, chains[predicate.Ref.FieldId], result);
                break;
            default:
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot evaluate unbound expression {expression}.");
        }
    }

    private void Combine(Expression left, Expression right, Dictionary<int, ColumnVector[]> chains, Span<bool> result, bool isAnd)
    {
        Eval(left, chains, result);
        bool[] rented = ArrayPool<bool>.Shared.Rent(result.Length);
        try
        {
            Span<bool> other = rented.AsSpan(0, result.Length);
            Eval(right, chains, other);
            if (isAnd)
            {
                MaskVectors.And(result, other);
            }
            else
            {
                MaskVectors.Or(result, other);
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(rented);
        }
    }

    private void Test(BoundPredicate predicate, ColumnVector[] chain, Span<bool> result)
    {
        ColumnVector vector = chain[^1];
        if (predicate.Op is Operation.IsNull or Operation.NotNull)
        {
            bool wantNull = predicate.Op == Operation.IsNull;
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = FieldAccessor.IsNull(chain, i) == wantNull;
            }

            return;
        }

        bool negated = predicate.Op is Operation.NotEqual or Operation.NotIn or Operation.NotStartsWith or Operation.NotNaN;
        Operation op = predicate.Op switch
        {
            Operation.NotEqual => Operation.Equal,
            Operation.NotIn => Operation.In,
            Operation.NotStartsWith => Operation.StartsWith,
            Operation.NotNaN => Operation.IsNaN,
            Operation other => other,
        };
        bool comparison = op is Operation.LessThan or Operation.LessThanOrEqual or Operation.GreaterThan or Operation.GreaterThanOrEqual or Operation.Equal;
        bool done = chain.Length == 1 && (vector, predicate.Ref.Type.TypeId) switch
        {
            (PrimitiveVector<long> longs, var t) when IsIntegral(t) && (comparison || op == Operation.In) => TestIntegral(longs.Values, predicate, op, result),
            (PrimitiveVector<int> ints, var t) when IsIntegral(t) && (comparison || op == Operation.In) => TestIntegral(ints.Values, predicate, op, result),
            (PrimitiveVector<double> doubles, TypeId.Double) when comparison || op is Operation.In or Operation.IsNaN => TestFloating(doubles.Values, predicate, op, result),
            (PrimitiveVector<float> floats, TypeId.Float) when comparison || op is Operation.In or Operation.IsNaN => TestFloating(floats.Values, predicate, op, result),
            (BinaryVector strings, TypeId.String) when comparison || op is Operation.In or Operation.StartsWith => TestStrings(strings, predicate, op, result),
            _ => false,
        };
        if (done)
        {
            // Nulls fail every positive comparison.
            if (vector.HasNulls)
            {
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] &= !vector.IsNull(i);
                }
            }
        }
        else
        {
            BoundPredicate positive = negated ? (BoundPredicate)predicate.Negate() : predicate;
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = Evaluator.Test(positive, VectorLiterals.Get(chain, predicate.Ref.Type, i));
            }
        }

        if (negated)
        {
            MaskVectors.Not(result);
        }
    }

    private bool TestIntegral<T>(ReadOnlySpan<T> values, BoundPredicate predicate, Operation op, Span<bool> result)
        where T : struct
    {
        if (op is Operation.In)
        {
            var set = (HashSet<long>)_prepared[predicate];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = set.Contains(ToLong(values[i]));
            }

            return true;
        }

        long literal = predicate.Literal.AsLong();
        if ((typeof(T) == typeof(long) && MaskVectors.Compare(MemoryMarshal.Cast<T, long>(values), op, literal, result))
            || (typeof(T) == typeof(int) && literal is >= int.MinValue and <= int.MaxValue && MaskVectors.Compare(MemoryMarshal.Cast<T, int>(values), op, (int)literal, result)))
        {
            return true;
        }

        // What is left: other integral widths, and an int column against a literal beyond its range.
        for (int i = 0; i < result.Length; i++)
        {
            long value = ToLong(values[i]);
            result[i] = op switch
            {
                Operation.LessThan => value < literal,
                Operation.LessThanOrEqual => value <= literal,
                Operation.GreaterThan => value > literal,
                Operation.GreaterThanOrEqual => value >= literal,
                Operation.Equal => value == literal,
                _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot evaluate {op} on an integral column."),
            };
        }

        return true;
    }

    /// <summary>Floating-point values compare as <see cref="Literal.CompareDoubles"/> does: NaN above all, -0 below 0.</summary>
    private static bool TestFloating<T>(ReadOnlySpan<T> values, BoundPredicate predicate, Operation op, Span<bool> result)
        where T : struct
    {
        double[] literals = op == Operation.IsNaN ? [] : [.. predicate.Literals.Select(l => l.AsDouble())];

        // Against a literal neither NaN nor zero, IEEE comparison agrees with CompareDoubles once NaN counts as above all.
        if (typeof(T) == typeof(double) && literals.Length == 1 && !double.IsNaN(literals[0]) && literals[0] != 0
            && MaskVectors.Compare(MemoryMarshal.Cast<T, double>(values), op, literals[0], result))
        {
            return true;
        }

        for (int i = 0; i < result.Length; i++)
        {
            double value = ToDouble(values[i]);
            result[i] = op switch
            {
                Operation.IsNaN => double.IsNaN(value),
                Operation.In => InDoubles(literals, value),
                _ => Compare(op, Literal.CompareDoubles(value, literals[0])),
            };
        }

        return true;
    }

    private static bool InDoubles(double[] literals, double value)
    {
        foreach (double literal in literals)
        {
            if (Literal.CompareDoubles(value, literal) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static double ToDouble<T>(T value)
        where T : struct => value switch
        {
            double d => d,
            float f => f,
            _ => throw new InvalidOperationException(),
        };

    private bool TestStrings(BinaryVector strings, BoundPredicate predicate, Operation op, Span<bool> result)
    {
        var literals = (byte[][])_prepared[predicate];
        for (int i = 0; i < result.Length; i++)
        {
            ReadOnlySpan<byte> value = strings.IsNull(i) ? default : strings.GetBytes(i);
            result[i] = op switch
            {
                Operation.StartsWith => value.StartsWith(literals[0]),
                Operation.In => Contains(literals, value),
                _ => Compare(op, value.SequenceCompareTo(literals[0])),
            };
        }

        return true;
    }

    private static bool Contains(byte[][] literals, ReadOnlySpan<byte> value)
    {
        foreach (byte[] literal in literals)
        {
            if (value.SequenceEqual(literal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Compare(Operation op, int comparison) => op switch
    {
        Operation.LessThan => comparison < 0,
        Operation.LessThanOrEqual => comparison <= 0,
        Operation.GreaterThan => comparison > 0,
        Operation.GreaterThanOrEqual => comparison >= 0,
        Operation.Equal => comparison == 0,
        _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot evaluate {op} as a comparison."),
    };

    private static long ToLong<T>(T value)
        where T : struct => value switch
        {
            long l => l,
            int i => i,
            _ => throw new InvalidOperationException(),
        };

    private static bool IsIntegral(TypeId type) =>
        type is TypeId.Int or TypeId.Long or TypeId.Date or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz or TypeId.TimestampNs or TypeId.TimestampTzNs;
}
