using System.Text;

namespace Floe.Parquet.Reading;

/// <summary>Ready-made row-group filters over column statistics, for <see cref="ParquetReadOptions.RowGroupFilter"/>.</summary>
public static class RowGroupFilters
{
    /// <summary>
    /// Keeps a row group when column <paramref name="column"/> (a dotted leaf path) may hold a value in
    /// [<paramref name="lower"/>, <paramref name="upper"/>] (either bound may be null = unbounded). Bounds must be of
    /// the column's value type (see <see cref="ColumnStatistics"/>); numeric bounds are converted between integer and
    /// floating types. Row groups without usable statistics, or with bounds of another type, are kept.
    /// </summary>
    public static Func<RowGroupInfo, bool> Range(string column, object? lower, object? upper)
    {
        ArgumentNullException.ThrowIfNull(column);
        return group => MayOverlap(group.GetStatistics(column), lower, upper);
    }

    /// <summary>Like <see cref="Range"/>, for the leaf column with field id <paramref name="fieldId"/> (Iceberg's way to name columns).</summary>
    public static Func<RowGroupInfo, bool> RangeByFieldId(int fieldId, object? lower, object? upper) =>
        group => MayOverlap(group.GetStatisticsByFieldId(fieldId), lower, upper);

    /// <summary>Keeps a row group when some row may have a non-null value in <paramref name="column"/>.</summary>
    public static Func<RowGroupInfo, bool> NotAllNull(string column) => group =>
    {
        ColumnStatistics? stats = group.GetStatistics(column);
        return stats?.NullCount is not long nulls || nulls < stats.ValueCount;
    };

    /// <summary>Keeps a row group only when every filter keeps it.</summary>
    public static Func<RowGroupInfo, bool> All(params Func<RowGroupInfo, bool>[] filters) =>
        group => filters.All(filter => filter(group));

    private static bool MayOverlap(ColumnStatistics? stats, object? lower, object? upper)
    {
        if (stats is not { HasMinMax: true })
        {
            return true;
        }

        if (lower is not null && TryCompare(stats.Max!, lower, out int maxVsLower) && maxVsLower < 0)
        {
            return false;
        }

        return upper is null || !TryCompare(stats.Min!, upper, out int minVsUpper) || minVsUpper <= 0;
    }

    /// <summary>Compares a statistics value with a bound of a compatible type (Parquet order: unsigned bytes for strings and binary).</summary>
    public static bool TryCompare(object value, object bound, out int comparison)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(bound);
        comparison = 0;
        switch (value, bound)
        {
            case (string a, string b):
                comparison = Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
                return true;
            case (byte[] a, byte[] b):
                comparison = a.AsSpan().SequenceCompareTo(b);
                return true;
            case (Guid a, Guid b):
                comparison = a.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(b.ToByteArray(bigEndian: true));
                return true;
            case (Int128 a, Int128 b):
                comparison = a.CompareTo(b);
                return true;
            case (Int128 a, long or int):
                comparison = a.CompareTo((Int128)Convert.ToInt64(bound, System.Globalization.CultureInfo.InvariantCulture));
                return true;
            case (bool a, bool b):
                comparison = a.CompareTo(b);
                return true;
            case (int or long, int or long):
                comparison = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
                    .CompareTo(Convert.ToInt64(bound, System.Globalization.CultureInfo.InvariantCulture));
                return true;
            case (int or long or float or double, int or long or float or double):
                comparison = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)
                    .CompareTo(Convert.ToDouble(bound, System.Globalization.CultureInfo.InvariantCulture));
                return true;
            default:
                return false;
        }
    }
}
