using System.Globalization;
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
/// day, longs in milliseconds or seconds (<c>data-expire.datetime-number-format</c>), strings as text in
/// <c>data-expire.datetime-string-pattern</c> (UTC), so a pattern must sort as its dates do.
/// </summary>
public sealed class ExpirePoint
{
    private readonly byte[] _bytes;

    private ExpirePoint(NestedField field, Literal value, long expireMs)
    {
        Field = field;
        Value = value;
        ExpireMs = expireMs;
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
        Literal value = (field.Type as PrimitiveType)?.TypeId switch
        {
            TypeId.Timestamp => Literal.OfTimestamp(expireMs * 1000),
            TypeId.TimestampTz => Literal.OfTimestampTz(expireMs * 1000),
            TypeId.TimestampNs => Literal.OfTimestampNs(expireMs * 1_000_000),
            TypeId.TimestampTzNs => Literal.OfTimestampTzNs(expireMs * 1_000_000),
            TypeId.Date => Literal.OfDate((int)DateTimeUtil.FloorDiv(expireMs, 86_400_000)),
            TypeId.Long => Literal.Of(settings.Get(MaintenanceProperties.DataExpireDatetimeNumberFormat) == "timestamp_s" ? DateTimeUtil.FloorDiv(expireMs, 1000) : expireMs),
            TypeId.String => Literal.Of(DateTimeOffset.FromUnixTimeMilliseconds(expireMs).UtcDateTime
                .ToString(settings.Get(MaintenanceProperties.DataExpireDatetimeStringPattern), CultureInfo.InvariantCulture)),
            _ => throw new FloeException(FloeErrorKind.InvalidArgument,
                $"{MaintenanceProperties.DataExpireField.Key} names column '{fieldName}' of type {field.Type}; expiration needs a timestamp, timestamptz, date, long or string column."),
        };
        return new ExpirePoint(field, value, expireMs);
    }

    /// <summary>The time of the newest snapshot of the current branch that is not maintenance or optimizing.</summary>
    public static long? LastDataCommitMs(TableMetadata metadata) =>
        metadata.CurrentSnapshotId is long head ? metadata.Ancestors(head).FirstOrDefault(s => !MaintenanceSummary.IsMaintenance(s))?.TimestampMs : null;

    /// <summary>Whether a file whose upper bound of the field is <paramref name="upperBound"/> holds only expired values (false without a bound).</summary>
    public bool CoversUpperBound(byte[]? upperBound) =>
        upperBound is not null && SerializedValueComparer.Compare((PrimitiveType)Field.Type, upperBound, _bytes) <= 0;

    /// <summary>Whether a row value (as a column vector returns it) has expired; nulls never do.</summary>
    public bool Covers(object? value) => value switch
    {
        null => false,
        long number => number <= Value.AsLong(),
        int days => days <= Value.AsLong(),
        DateTime time => time <= DateTimeOffset.FromUnixTimeMilliseconds(ExpireMs).UtcDateTime,
        DateTimeOffset time => time.ToUnixTimeMilliseconds() <= ExpireMs,
        DateOnly date => DateTimeUtil.DaysFromDate(date) <= Value.AsLong(),
        string text => string.CompareOrdinal(text, Value.AsString()) <= 0,
        _ => false,
    };
}
