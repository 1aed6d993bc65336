using System.Globalization;
using System.Text;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.Maintenance;

/// <summary>
/// The value of the data-expiration field at and below which rows have expired: the expire time (base time minus
/// <c>data-expire.retention-time</c>) in the field's own type. Timestamps compare in micro- or nanoseconds, dates by
/// day, longs in milliseconds or seconds (<c>data-expire.datetime-number-format</c>), strings as the dates they
/// parse to in <c>data-expire.datetime-string-pattern</c> (read as UTC unless the pattern carries an offset), so a
/// pattern need not sort as its dates do. A string that does not parse never expires.
/// </summary>
public sealed class ExpirePoint
{
    private const DateTimeStyles DateStringStyles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    private readonly byte[] _bytes;
    private readonly string? _pattern;

    private ExpirePoint(NestedField field, Literal value, long expireMs, string? pattern)
    {
        Field = field;
        Value = value;
        ExpireMs = expireMs;
        _pattern = pattern;
        _bytes = SingleValueBinary.ToBytes(value);
    }

    public NestedField Field { get; }

    public Literal Value { get; }

    /// <summary>The expire time in epoch milliseconds.</summary>
    public long ExpireMs { get; }

    /// <summary>The expire point of <paramref name="metadata"/>'s data-expire settings, counted back from <paramref name="now"/> or the last data commit (<paramref name="lastDataCommitMs"/>, else the table's own).</summary>
    /// <exception cref="FloeException">The field or retention is not set, the column is missing or has a type that cannot expire (InvalidArgument).</exception>
    public static ExpirePoint Of(TableMetadata metadata, Schema schema, DateTimeOffset now, long? lastDataCommitMs = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        TableSettings settings = metadata.Settings;
        string fieldName = settings.Get(MaintenanceProperties.DataExpireField)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Data expiration needs the table property {MaintenanceProperties.DataExpireField.Key}.");
        if (!settings.IsSet(MaintenanceProperties.DataExpireRetentionTime))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Data expiration needs the table property {MaintenanceProperties.DataExpireRetentionTime.Key}.");
        }

        NestedField field = schema.FindField(fieldName)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"{MaintenanceProperties.DataExpireField.Key} names column '{fieldName}', which the table does not have.");
        long baseMs = settings.Get(MaintenanceProperties.DataExpireBaseOnRule) == "current_time"
            ? now.ToUnixTimeMilliseconds()
            : lastDataCommitMs ?? LastDataCommitMs(metadata) ?? now.ToUnixTimeMilliseconds();
        long expireMs = baseMs - (long)settings.Get(MaintenanceProperties.DataExpireRetentionTime).TotalMilliseconds;
        string? pattern = (field.Type as PrimitiveType)?.TypeId == TypeId.String ? settings.Get(MaintenanceProperties.DataExpireDatetimeStringPattern) : null;
        Literal value = (field.Type as PrimitiveType)?.TypeId switch
        {
            TypeId.Timestamp => Literal.OfTimestamp(expireMs * 1000),
            TypeId.TimestampTz => Literal.OfTimestampTz(expireMs * 1000),
            TypeId.TimestampNs => Literal.OfTimestampNs(expireMs * 1_000_000),
            TypeId.TimestampTzNs => Literal.OfTimestampTzNs(expireMs * 1_000_000),
            TypeId.Date => Literal.OfDate((int)DateTimeUtil.FloorDiv(expireMs, 86_400_000)),
            TypeId.Long => Literal.Of(settings.Get(MaintenanceProperties.DataExpireDatetimeNumberFormat) == "timestamp_s" ? DateTimeUtil.FloorDiv(expireMs, 1000) : expireMs),
            TypeId.String => Literal.Of(DateTimeOffset.FromUnixTimeMilliseconds(expireMs).UtcDateTime.ToString(pattern, CultureInfo.InvariantCulture)),
            _ => throw new FloeException(FloeErrorKind.InvalidArgument,
                $"{MaintenanceProperties.DataExpireField.Key} names column '{fieldName}' of type {field.Type}; expiration needs a timestamp, timestamptz, date, long or string column."),
        };
        return new ExpirePoint(field, value, expireMs, pattern);
    }

    /// <summary>The time of the newest snapshot of the current branch that is not maintenance or optimizing.</summary>
    public static long? LastDataCommitMs(TableMetadata metadata) =>
        metadata.CurrentSnapshotId is long head ? metadata.Ancestors(head).FirstOrDefault(s => !MaintenanceSummary.IsMaintenance(s))?.TimestampMs : null;

    /// <summary>
    /// Whether the field holds date strings: their order as text is not their order as dates, so a file's bounds
    /// say nothing and its values must be read (<see cref="Judge"/>).
    /// </summary>
    public bool IsDateString => _pattern is not null;

    /// <summary>
    /// Whether a file whose upper bound of the field is <paramref name="upperBound"/> holds only expired values (false
    /// without a bound, and for date strings, whose bounds are text).
    /// </summary>
    public bool CoversUpperBound(byte[]? upperBound) =>
        upperBound is not null && !IsDateString && SerializedValueComparer.Compare((PrimitiveType)Field.Type, upperBound, _bytes) <= 0;

    /// <summary>Whether a row value (as a column vector returns it) has expired; nulls and unparseable date strings never do.</summary>
    public bool Covers(object? value) => value switch
    {
        null => false,
        long number => number <= Value.AsLong(),
        int days => days <= Value.AsLong(),
        DateTime time => time <= DateTimeOffset.FromUnixTimeMilliseconds(ExpireMs).UtcDateTime,
        DateTimeOffset time => time.ToUnixTimeMilliseconds() <= ExpireMs,
        DateOnly date => DateTimeUtil.DaysFromDate(date) <= Value.AsLong(),
        string text => JudgeDateString(text) == ExpiryVerdict.Expired,
        _ => false,
    };

    /// <summary>Whether the value at <paramref name="row"/> of the field's column has expired, is kept, or is a date string that does not parse.</summary>
    public ExpiryVerdict Judge(ColumnVector column, int row)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.IsNull(row))
        {
            return ExpiryVerdict.Kept;
        }

        if (IsDateString && column is BinaryVector text)
        {
            ReadOnlySpan<byte> utf8 = text.GetBytes(row);
            Span<char> chars = utf8.Length <= 128 ? stackalloc char[utf8.Length] : new char[utf8.Length];
            return JudgeDateString(chars[..Encoding.UTF8.GetChars(utf8, chars)]);
        }

        return Covers(column.GetValue(row)) ? ExpiryVerdict.Expired : ExpiryVerdict.Kept;
    }

    /// <summary>A date string's verdict: parsed in the pattern (UTC) and compared as a time.</summary>
    public ExpiryVerdict JudgeDateString(ReadOnlySpan<char> text)
    {
        if (_pattern is null)
        {
            throw new InvalidOperationException($"Column '{Field.Name}' is not a date string.");
        }

        if (!DateTime.TryParseExact(text, _pattern, CultureInfo.InvariantCulture, DateStringStyles, out DateTime parsed))
        {
            return ExpiryVerdict.Unparseable;
        }

        return parsed <= DateTimeOffset.FromUnixTimeMilliseconds(ExpireMs).UtcDateTime ? ExpiryVerdict.Expired : ExpiryVerdict.Kept;
    }
}

/// <summary>What data expiration makes of one value.</summary>
public enum ExpiryVerdict
{
    Kept,
    Expired,

    /// <summary>A date string that does not parse in the table's pattern: kept, and counted.</summary>
    Unparseable,
}
