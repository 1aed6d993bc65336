using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Transforms;

/// <summary>The unit of a time transform.</summary>
public enum TimeUnit
{
    Year,
    Month,
    Day,
    Hour,
}

/// <summary>
/// year, month, day and hour: whole units since 1970-01-01 00:00 UTC, floored for earlier values. Day results are
/// dates; the others are ints.
/// </summary>
public sealed class TimeTransform : Transform
{
    internal TimeTransform(TimeUnit unit) => Unit = unit;

    public TimeUnit Unit { get; }

    public override bool PreservesOrder => true;

    internal override string DefaultNameSuffix => "_" + ToString();

    internal override string DedupName => "time";

    public override bool CanTransform(IcebergType sourceType) => sourceType.TypeId switch
    {
        TypeId.Date => Unit != TimeUnit.Hour,
        TypeId.Timestamp or TypeId.TimestampTz or TypeId.TimestampNs or TypeId.TimestampTzNs => true,
        _ => false,
    };

    public override IcebergType ResultType(IcebergType sourceType) => Unit == TimeUnit.Day ? PrimitiveType.Date : PrimitiveType.Int;

    public override Literal Apply(Literal value)
    {
        if (value.IsNull)
        {
            return Literal.Null;
        }

        long micros;
        switch (value.TypeId)
        {
            case TypeId.Date:
                int days = value.AsDateDays();
                return Unit switch
                {
                    TimeUnit.Year => Literal.Of(DateTimeUtil.YearsFromDays(days)),
                    TimeUnit.Month => Literal.Of(DateTimeUtil.MonthsFromDays(days)),
                    TimeUnit.Day => value,
                    _ => throw Unsupported(value),
                };
            case TypeId.Timestamp or TypeId.TimestampTz:
                micros = value.AsLong();
                break;
            case TypeId.TimestampNs or TypeId.TimestampTzNs:
                micros = DateTimeUtil.MicrosFromNanos(value.AsLong());
                break;
            default:
                throw Unsupported(value);
        }

        return Unit switch
        {
            TimeUnit.Year => Literal.Of(DateTimeUtil.YearsFromDays(DateTimeUtil.FloorDiv(micros, DateTimeUtil.MicrosPerDay))),
            TimeUnit.Month => Literal.Of(DateTimeUtil.MonthsFromDays(DateTimeUtil.FloorDiv(micros, DateTimeUtil.MicrosPerDay))),
            TimeUnit.Day => Literal.OfDate(DateTimeUtil.DaysFromMicros(micros)),
            _ => Literal.Of(DateTimeUtil.HoursFromMicros(micros)),
        };
    }

    /// <summary>"2017" for years, "2017-11" for months, "2017-11-16" for days, "2017-11-16-22" for hours.</summary>
    public override string ToHumanString(Literal transformedValue)
    {
        if (transformedValue.IsNull)
        {
            return "null";
        }

        switch (Unit)
        {
            case TimeUnit.Year:
                return (1970 + transformedValue.AsLong()).ToString("D4", CultureInfo.InvariantCulture);
            case TimeUnit.Month:
                long months = transformedValue.AsLong();
                long year = 1970 + DateTimeUtil.FloorDiv(months, 12);
                long month = DateTimeUtil.FloorMod(months, 12) + 1;
                return string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}");
            case TimeUnit.Day:
                return LiteralText.FormatDate(checked((int)transformedValue.AsLong()));
            default:
                long hours = transformedValue.AsLong();
                long dayCount = DateTimeUtil.FloorDiv(hours, 24);
                long hour = DateTimeUtil.FloorMod(hours, 24);
                return string.Create(CultureInfo.InvariantCulture, $"{LiteralText.FormatDate(checked((int)dayCount))}-{hour:D2}");
        }
    }

    public override string ToString() => Unit switch
    {
        TimeUnit.Year => "year",
        TimeUnit.Month => "month",
        TimeUnit.Day => "day",
        _ => "hour",
    };

    private FloeException Unsupported(Literal value) =>
        new(FloeErrorKind.InvalidArgument, $"Cannot apply {this} to a {value.TypeId.ToString().ToLowerInvariant()} value.");
}
