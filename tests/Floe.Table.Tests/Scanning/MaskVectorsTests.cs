using System.Numerics;
using Floe.Core.Expressions;
using Floe.Table.Scanning.Execution;

namespace Floe.Table.Tests.Scanning;

/// <summary>Masks worked 32 rows at a time agree with one row at a time, at every length (the vector loops' tails).</summary>
public sealed class MaskVectorsTests
{
    private static readonly Operation[] s_comparisons =
        [Operation.LessThan, Operation.LessThanOrEqual, Operation.GreaterThan, Operation.GreaterThanOrEqual, Operation.Equal];

    [Fact]
    public void Comparisons_of_longs_ints_and_doubles_match_row_by_row_with_nan_above_every_value()
    {
        var random = new Random(7);
        for (int length = 0; length <= 70; length++)
        {
            long[] longs = [.. Enumerable.Range(0, length).Select(_ => (long)random.Next(-5, 6) * (random.Next(4) == 0 ? long.MaxValue / 8 : 1))];
            int[] ints = [.. longs.Select(v => (int)Math.Clamp(v, int.MinValue, int.MaxValue))];
            double[] doubles = [.. Enumerable.Range(0, length).Select(_ => random.Next(6) switch
            {
                0 => double.NaN,
                1 => double.PositiveInfinity,
                2 => -0.0,
                _ => random.Next(-5, 6) * 0.5,
            })];
            foreach (Operation op in s_comparisons)
            {
                Check(longs, op, 2L, length);
                Check(longs, op, long.MinValue, length);
                Check(ints, op, -3, length);
                Check(doubles, op, 1.5, length);
                Check(doubles, op, double.NegativeInfinity, length);
            }
        }
    }

    [Fact]
    public void And_or_and_not_match_row_by_row()
    {
        var random = new Random(3);
        for (int length = 0; length <= 100; length++)
        {
            bool[] a = [.. Enumerable.Range(0, length).Select(_ => random.Next(2) == 0)];
            bool[] b = [.. Enumerable.Range(0, length).Select(_ => random.Next(2) == 0)];

            bool[] and = [.. a];
            MaskVectors.And(and, b);
            bool[] or = [.. a];
            MaskVectors.Or(or, b);
            bool[] not = [.. a];
            MaskVectors.Not(not);

            Assert.Equal(a.Zip(b, (x, y) => x && y), and);
            Assert.Equal(a.Zip(b, (x, y) => x || y), or);
            Assert.Equal(a.Select(x => !x), not);
        }
    }

    [Fact]
    public void Other_operations_are_left_to_the_caller()
    {
        bool[] result = new bool[3];
        Assert.False(MaskVectors.Compare<long>([1, 2, 3], Operation.In, 2, result));
        Assert.False(MaskVectors.Compare<long>([1, 2, 3], Operation.NotEqual, 2, result));
    }

    private static void Check<T>(T[] values, Operation op, T literal, int length)
        where T : unmanaged, INumber<T>
    {
        bool[] result = new bool[length];
        Assert.True(MaskVectors.Compare<T>(values, op, literal, result));
        for (int i = 0; i < length; i++)
        {
            T value = values[i];
            bool expected = T.IsNaN(value)
                ? op is Operation.GreaterThan or Operation.GreaterThanOrEqual
                : op switch
                {
                    Operation.LessThan => value < literal,
                    Operation.LessThanOrEqual => value <= literal,
                    Operation.GreaterThan => value > literal,
                    Operation.GreaterThanOrEqual => value >= literal,
                    _ => value == literal,
                };
            Assert.True(expected == result[i], $"{typeof(T).Name} {value} {op} {literal} at {i} of {length}: {result[i]}");
        }
    }
}
