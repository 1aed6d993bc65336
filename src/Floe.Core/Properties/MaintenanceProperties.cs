namespace Floe.Core.Properties;

/// <summary>
/// Table maintenance settings with Amoro's names and defaults: snapshot expiry, orphan and dangling delete file
/// cleaning, data expiration by a column's value and automatic tags. The change-store TTL
/// (<c>change.data.ttl.minutes</c>) is a primary-key property.
/// </summary>
public static class MaintenanceProperties
{
    public const string Group = "Table maintenance";

    public static readonly BoolProperty ExpireEnabled = new(
        "table-expire.enabled", true, Group, "Whether scheduled maintenance expires the table's snapshots.");

    public static readonly DurationProperty SnapshotKeepDuration = new(
        "snapshot.keep.duration", TimeSpan.FromMinutes(720), "720min", Group, "Snapshots younger than this are kept by snapshot expiry.");

    public static readonly IntProperty SnapshotKeepMinCount = new(
        "snapshot.keep.min-count", 1, Group, "Most recent snapshots of the main branch snapshot expiry always keeps.", min: 1);

    public static readonly BoolProperty CleanOrphanFilesEnabled = new(
        "clean-orphan-file.enabled", false, Group, "Whether scheduled maintenance deletes files no metadata references.");

    public static readonly LongProperty CleanOrphanFilesMinExistingMinutes = new(
        "clean-orphan-file.min-existing-time-minutes", 2880, Group,
        "Files younger than this are never orphans (they may belong to a commit in progress).", max: long.MaxValue / 120_000, unit: "minutes");

    public static readonly BoolProperty CleanDanglingDeletesEnabled = new(
        "clean-dangling-delete-files.enabled", true, Group, "Whether scheduled maintenance removes delete files that no live data file can match.");

    public static readonly BoolProperty DataExpireEnabled = new(
        "data-expire.enabled", false, Group, "Whether rows expire by the value of `data-expire.field`.");

    public static readonly ChoiceProperty DataExpireLevel = new(
        "data-expire.level", "partition", Group, "Drop whole partitions whose files are all expired, or each expired file.", "partition", "file");

    public static readonly TextProperty DataExpireField = new(
        "data-expire.field", null, Group,
        "The column data expiration reads: timestamp, timestamptz, date, long (see the number format) or string (see the pattern).",
        nonEmpty: true, what: "column name");

    public static readonly DurationProperty DataExpireRetentionTime = new(
        "data-expire.retention-time", TimeSpan.Zero, "(none)", Group, "How long rows are kept, counted back from the base time (for example `1d`).");

    public static readonly DatePatternProperty DataExpireDatetimeStringPattern = new(
        "data-expire.datetime-string-pattern", "yyyy-MM-dd", Group, "How a string expiration field writes its dates.");

    public static readonly ChoiceProperty DataExpireDatetimeNumberFormat = new(
        "data-expire.datetime-number-format", "timestamp_ms", Group, "Whether a long expiration field counts milliseconds or seconds.", "timestamp_ms", "timestamp_s");

    public static readonly ChoiceProperty DataExpireBaseOnRule = new(
        "data-expire.base-on-rule", "last_commit_time", Group,
        "The time retention counts back from: the last commit that was not maintenance, or the clock.", "last_commit_time", "current_time");

    public static readonly BoolProperty AutoTagEnabled = new(
        "tag.auto-create.enabled", false, Group, "Whether a tag is created for each period.");

    public static readonly ChoiceProperty AutoTagPeriod = new(
        "tag.auto-create.trigger.period", "daily", Group, "How often a tag is created.", "daily", "hourly", "monthly");

    public static readonly LongProperty AutoTagOffsetMinutes = new(
        "tag.auto-create.trigger.offset.minutes", 0, Group, "Minutes after the period starts that its tag is due.", max: 525_600, unit: "minutes");

    public static readonly LongProperty AutoTagMaxDelayMinutes = new(
        "tag.auto-create.trigger.max-delay.minutes", 60, Group,
        "A period's tag is skipped when its first snapshot came this much after the trigger time.", max: 525_600, unit: "minutes");

    public static readonly DatePatternProperty AutoTagFormat = new(
        "tag.auto-create.tag-format", "'tag-'yyyyMMdd", Group,
        "Tag names: the period start in this pattern; when unset, `'tag-'yyyyMMddHH` for hourly and `'tag-'yyyyMM` for monthly periods.");

    public static readonly IntervalProperty AutoTagMaxAgeMs = new(
        "tag.auto-create.max-age-ms", -1, Group, "Max ref age of the tags created, in milliseconds (negative: kept forever).");
}
