using System.Globalization;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Table.Operations;

namespace Floe.Table.Maintenance;

/// <summary>What one automatic tag run did.</summary>
/// <param name="TagName">The period's tag name.</param>
/// <param name="SnapshotId">The snapshot tagged now, or null when the tag existed, no snapshot was due yet or it was skipped.</param>
/// <param name="Outcome">created, exists, waiting (no snapshot at or after the trigger time yet) or skipped (beyond the max delay).</param>
public sealed record AutoTagResult(string TagName, long? SnapshotId, string Outcome);

/// <summary>
/// Amoro's automatic tags: the tag of the last finished period (daily, hourly or monthly, in UTC) is due at the next
/// period's start plus <c>trigger.offset.minutes</c>; it goes on the first snapshot of the current branch committed at
/// or after that trigger time, unless that snapshot came more than <c>trigger.max-delay.minutes</c> later (then the
/// period has no tag). The name is the period's start in <c>tag-format</c>; running again changes nothing.
/// </summary>
public static class AutoTags
{
    public static async Task<AutoTagResult> CreateAutoTagAsync(this IcebergTable table, DateTimeOffset? now = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        TableMetadata metadata = await table.RefreshAsync(cancellationToken).ConfigureAwait(false);
        TableSettings settings = metadata.Settings;
        string period = settings.Get(MaintenanceProperties.AutoTagPeriod);
        long offsetMs = settings.Get(MaintenanceProperties.AutoTagOffsetMinutes) * 60_000;
        DateTime clock = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        DateTime currentStart = PeriodStart(period, clock.AddMilliseconds(-offsetMs));
        DateTime tagged = Previous(period, currentStart);
        long triggerMs = new DateTimeOffset(currentStart, TimeSpan.Zero).ToUnixTimeMilliseconds() + offsetMs;
        string format = settings.IsSet(MaintenanceProperties.AutoTagFormat) ? settings.Get(MaintenanceProperties.AutoTagFormat) : DefaultFormat(period);
        string name = tagged.ToString(format, CultureInfo.InvariantCulture);
        if (metadata.Ref(name) is not null)
        {
            return new AutoTagResult(name, null, "exists");
        }

        Snapshot? first = metadata.CurrentSnapshotId is long head
            ? metadata.Ancestors(head).TakeWhile(s => s.TimestampMs >= triggerMs).LastOrDefault()
            : null;
        if (first is null)
        {
            return new AutoTagResult(name, null, "waiting");
        }

        if (first.TimestampMs - triggerMs > settings.Get(MaintenanceProperties.AutoTagMaxDelayMinutes) * 60_000)
        {
            return new AutoTagResult(name, null, "skipped");
        }

        long maxAge = settings.Get(MaintenanceProperties.AutoTagMaxAgeMs);
        await new CreateTagChange(table.Operations, name, first.SnapshotId, maxAge > 0 ? maxAge : null).CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AutoTagResult(name, first.SnapshotId, "created");
    }

    /// <summary>Tags a snapshot (the current one when null); an existing name is refused.</summary>
    public static async Task<long> CreateTagAsync(this IcebergTable table, string name, long? snapshotId = null, long? maxRefAgeMs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(name);
        TableMetadata metadata = await table.RefreshAsync(cancellationToken).ConfigureAwait(false);
        long id = snapshotId ?? metadata.CurrentSnapshotId
            ?? throw new Common.Errors.FloeException(Common.Errors.FloeErrorKind.InvalidArgument, $"Table {table.Name} has no snapshot to tag.");
        await new CreateTagChange(table.Operations, name, id, maxRefAgeMs).CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    private static DateTime PeriodStart(string period, DateTime time) => period switch
    {
        "hourly" => new DateTime(time.Year, time.Month, time.Day, time.Hour, 0, 0, DateTimeKind.Utc),
        "monthly" => new DateTime(time.Year, time.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        _ => new DateTime(time.Year, time.Month, time.Day, 0, 0, 0, DateTimeKind.Utc),
    };

    private static DateTime Previous(string period, DateTime start) => period switch
    {
        "hourly" => start.AddHours(-1),
        "monthly" => start.AddMonths(-1),
        _ => start.AddDays(-1),
    };

    private static string DefaultFormat(string period) => period switch
    {
        "hourly" => "'tag-'yyyyMMddHH",
        "monthly" => "'tag-'yyyyMM",
        _ => "'tag-'yyyyMMdd",
    };

    private sealed class CreateTagChange(ITableOperations operations, string name, long snapshotId, long? maxRefAgeMs) : MetadataChange(operations)
    {
        protected internal override TableMetadata Apply(TableMetadata current)
        {
            if (current.Ref(name) is not null)
            {
                throw new Common.Errors.FloeException(Common.Errors.FloeErrorKind.AlreadyExists, $"Ref '{name}' already exists.");
            }

            if (current.SnapshotById(snapshotId) is null)
            {
                throw new Common.Errors.FloeException(Common.Errors.FloeErrorKind.NotFound, $"Snapshot {snapshotId} does not exist.");
            }

            return TableMetadataBuilder.From(current).SetRef(name, SnapshotRef.Tag(snapshotId) with { MaxRefAgeMs = maxRefAgeMs }).Build();
        }
    }
}
