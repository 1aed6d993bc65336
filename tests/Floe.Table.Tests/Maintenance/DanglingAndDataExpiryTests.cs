using System.Globalization;
using Floe.Core.Manifests;
using Floe.Core.Properties;
using Floe.Table.Maintenance;
using Floe.Table.Tests.Scanning;
using static Floe.Table.Tests.Maintenance.MaintenanceTestSupport;

namespace Floe.Table.Tests.Maintenance;

public sealed class DanglingAndDataExpiryTests
{
    [Fact]
    public async Task Delete_files_no_live_data_file_can_match_leave_in_one_rewrite_and_reads_do_not_change()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: true);
        CancellationToken ct = TestContext.Current.CancellationToken;
        var a = await t.WriteDataAsync(Rows("a", 1, 2, 3));
        var gone = await t.WriteDataAsync(Rows("a", 9));
        await t.AppendAsync(a, gone);
        DeleteFile live = await t.WritePositionDeletesAsync("a", (a, 0));
        DeleteFile orphaned = await t.WritePositionDeletesAsync("a", (gone, 0));
        DeleteFile noData = await t.WriteIdDeletesAsync("b", 5);
        await t.RowDeltaAsync([], [live, orphaned, noData]);
        await t.Table.NewDelete().DeleteFile(gone).CommitAsync(ct);
        var before = await IdsAtAsync(t.Table, t.Table.CurrentSnapshot!.SnapshotId);

        DanglingDeletesResult result = await t.Table.CleanDanglingDeletesAsync(ct);

        Assert.Equal((1, 1), (result.PositionDeleteFiles, result.EqualityDeleteFiles));
        Assert.Equal(result.SnapshotId, t.Table.CurrentSnapshot!.SnapshotId);
        Assert.Equal("CLEAN_DANGLING_DELETE", t.Table.CurrentSnapshot.Summary["snapshot.producer"]);
        Assert.Equal("replace", t.Table.CurrentSnapshot.Operation);
        Assert.Equal(before, await IdsAtAsync(t.Table, t.Table.CurrentSnapshot.SnapshotId));
        Assert.Equal([2L, 3L], before);
        Assert.Null((await t.Table.CleanDanglingDeletesAsync(ct)).SnapshotId);
    }

    [Theory]
    [InlineData("file", new long[] { 50, 150, 5000 })]
    [InlineData("partition", new long[] { 10, 20, 50, 150, 5000 })]
    public async Task Data_expires_by_file_or_by_whole_partition(string level, long[] left)
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: true);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await t.Table.UpdateProperties()
            .Set(MaintenanceProperties.DataExpireEnabled.Key, "true").Set(MaintenanceProperties.DataExpireField.Key, "id")
            .Set(MaintenanceProperties.DataExpireLevel.Key, level).Set(MaintenanceProperties.DataExpireRetentionTime.Key, "1s")
            .Set(MaintenanceProperties.DataExpireBaseOnRule.Key, "CURRENT_TIME").CommitAsync(ct);
        await t.AppendAsync(await t.WriteDataAsync(Rows("a", 1, 100)), await t.WriteDataAsync(Rows("b", 10, 20)), await t.WriteDataAsync(Rows("b", 50, 150)));
        await t.AppendAsync(await t.WriteDataAsync(Rows("c", 5000)));

        // Expire point: 1100 ms - 1 s = id 100 (milliseconds).
        DataExpirationResult result = await t.Table.ExpireDataAsync(DateTimeOffset.FromUnixTimeMilliseconds(1100), ct);

        Assert.Equal(100, result.ExpireMs);
        Assert.Equal("DATA_EXPIRATION", t.Table.CurrentSnapshot!.Summary["snapshot.producer"]);
        Assert.Equal(left, await IdsAtAsync(t.Table, t.Table.CurrentSnapshot.SnapshotId));
    }

    [Fact]
    public async Task A_string_field_expires_by_its_date_pattern_and_a_bad_field_is_refused()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await t.Table.UpdateProperties().Set(MaintenanceProperties.DataExpireField.Key, "category")
            .Set(MaintenanceProperties.DataExpireLevel.Key, "file").Set(MaintenanceProperties.DataExpireRetentionTime.Key, "1d")
            .Set(MaintenanceProperties.DataExpireBaseOnRule.Key, "current_time").CommitAsync(ct);
        await t.AppendAsync(await t.WriteDataAsync(Rows("2024-01-01", 1)), await t.WriteDataAsync(Rows("2024-01-02", 2)), await t.WriteDataAsync(Rows("2024-01-03", 3)));

        var result = await t.Table.ExpireDataAsync(new DateTimeOffset(2024, 1, 3, 12, 0, 0, TimeSpan.Zero), ct);

        Assert.Equal(2, result.DataFiles);
        Assert.Equal([3L], await IdsAtAsync(t.Table, t.Table.CurrentSnapshot!.SnapshotId));
        await t.Table.UpdateProperties().Set(MaintenanceProperties.DataExpireField.Key, "value").CommitAsync(ct);
        var error = await Assert.ThrowsAsync<Floe.Common.Errors.FloeException>(() => t.Table.ExpireDataAsync(cancellationToken: ct));
        Assert.Contains("data-expire.field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Automatic_tags_follow_the_period_trigger_and_max_delay_and_are_idempotent()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await t.Table.UpdateProperties().Set(MaintenanceProperties.AutoTagPeriod.Key, "hourly").CommitAsync(ct);
        long first = await t.AppendAsync(await t.WriteDataAsync(Rows("a", 1)));
        await t.AppendAsync(await t.WriteDataAsync(Rows("a", 2)));
        var at = DateTimeOffset.FromUnixTimeMilliseconds(t.Table.Metadata.SnapshotById(first)!.TimestampMs);
        string expected = "tag-" + at.UtcDateTime.AddHours(-1).ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("waiting", (await t.Table.CreateAutoTagAsync(DateTimeOffset.UtcNow.AddHours(2), ct)).Outcome);
        await t.Table.UpdateProperties().Set(MaintenanceProperties.AutoTagMaxDelayMinutes.Key, "0").CommitAsync(ct);
        Assert.Equal("skipped", (await t.Table.CreateAutoTagAsync(at, ct)).Outcome);
        await t.Table.UpdateProperties().Set(MaintenanceProperties.AutoTagMaxDelayMinutes.Key, "60").CommitAsync(ct);
        AutoTagResult created = await t.Table.CreateAutoTagAsync(at, ct);
        AutoTagResult again = await t.Table.CreateAutoTagAsync(at, ct);

        Assert.Equal((expected, (long?)first, "created"), (created.TagName, created.SnapshotId, created.Outcome));
        Assert.Equal("exists", again.Outcome);
        Assert.Equal(first, t.Table.Metadata.Ref(expected)!.SnapshotId);
        Assert.False(t.Table.Metadata.Ref(expected)!.IsBranch);
        Assert.Equal(first, await t.Table.CreateTagAsync("manual", first, cancellationToken: ct));
        await Assert.ThrowsAsync<Floe.Common.Errors.FloeException>(() => t.Table.CreateTagAsync("manual", cancellationToken: ct));
    }

    [Fact]
    public async Task A_date_string_field_expires_by_parsed_date_not_by_text_order()
    {
        await using ScanTestTable t = await DateStringTableAsync("dd-MM-yyyy");
        CancellationToken ct = TestContext.Current.CancellationToken;
        // Expire point 2024-01-09 12:00 UTC. As text "31-12-2023" sorts after "09-01-2024" (yet is older), and the
        // second file's text upper bound "08-01-2024" sorts before it (yet the file holds 5 February).
        await t.AppendAsync(
            await t.WriteDataAsync(Rows("31-12-2023", 1)),
            await t.WriteDataAsync([.. Rows("08-01-2024", 2), .. Rows("05-02-2024", 3)]),
            await t.WriteDataAsync(Rows("15-01-2024", 4)),
            await t.WriteDataAsync([.. Rows("02-01-2024", 5), .. Rows("09-01-2024", 6)]));

        DataExpirationResult result = await t.Table.ExpireDataAsync(new DateTimeOffset(2024, 1, 10, 12, 0, 0, TimeSpan.Zero), ct);

        Assert.Equal((2, 3L, 0L), (result.DataFiles, result.Rows, result.UnparseableValues));
        Assert.Equal([2L, 3L, 4L], await IdsAtAsync(t.Table, t.Table.CurrentSnapshot!.SnapshotId));
    }

    [Fact]
    public async Task Date_strings_that_do_not_parse_keep_their_files_and_are_counted()
    {
        await using ScanTestTable t = await DateStringTableAsync("yyyy-MM-dd");
        CancellationToken ct = TestContext.Current.CancellationToken;
        await t.AppendAsync(
            await t.WriteDataAsync([.. Rows("2020-01-01", 1), .. Rows("yesterday", 2)]),
            await t.WriteDataAsync(Rows("2020/01/02", 3)),
            await t.WriteDataAsync(Rows("2020-01-03", 4)));

        DataExpirationResult result = await t.Table.ExpireDataAsync(new DateTimeOffset(2024, 1, 10, 12, 0, 0, TimeSpan.Zero), ct);
        DataExpirationResult again = await t.Table.ExpireDataAsync(new DateTimeOffset(2024, 1, 10, 12, 0, 0, TimeSpan.Zero), ct);

        Assert.Equal((1, 2L), (result.DataFiles, result.UnparseableValues));
        Assert.Equal((null, 2L), (again.SnapshotId, again.UnparseableValues));
        Assert.Equal([1L, 2L, 3L], await IdsAtAsync(t.Table, t.Table.CurrentSnapshot!.SnapshotId));
    }

    [Fact]
    public async Task Date_patterns_and_tag_names_are_utc_whatever_the_local_zone()
    {
        await using ScanTestTable t = await DateStringTableAsync("yyyy-MM-dd HH");
        CancellationToken ct = TestContext.Current.CancellationToken;
        await t.Table.UpdateProperties().Set(MaintenanceProperties.AutoTagPeriod.Key, "daily")
            .Set(MaintenanceProperties.DataExpireRetentionTime.Key, "1h").CommitAsync(ct);
        long snapshot = await t.AppendAsync(await t.WriteDataAsync(Rows("2000-01-01 00", 1)), await t.WriteDataAsync(Rows("2000-01-01 00", 2)));
        // A clock at 10:00 local time in UTC+14: 20:00 UTC the day before. The zone must change nothing.
        var utc = DateTimeOffset.FromUnixTimeMilliseconds(t.Table.Metadata.SnapshotById(snapshot)!.TimestampMs).AddMinutes(10);
        var clock = new ZonedClock(utc, TimeZoneInfo.CreateCustomTimeZone("UTC+14", TimeSpan.FromHours(14), "UTC+14", "UTC+14"));
        await t.AppendAsync(await t.WriteDataAsync(
            Rows(clock.GetUtcNow().UtcDateTime.AddHours(-1).ToString("yyyy-MM-dd HH", CultureInfo.InvariantCulture), 3)));
        await t.AppendAsync(await t.WriteDataAsync(Rows(clock.GetLocalNow().DateTime.AddHours(-1).ToString("yyyy-MM-dd HH", CultureInfo.InvariantCulture), 4)));

        DataExpirationResult expired = await t.Table.ExpireDataAsync(clock.GetLocalNow(), ct);
        AutoTagResult tag = await t.Table.CreateAutoTagAsync(clock.GetLocalNow().AddDays(1), ct);

        Assert.Equal(utc.ToUnixTimeMilliseconds() - 3_600_000, expired.ExpireMs);
        Assert.Equal([4L], await IdsAtAsync(t.Table, t.Table.CurrentSnapshot!.SnapshotId));
        Assert.Equal("tag-" + utc.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), tag.TagName);
    }

    /// <summary>An unpartitioned table whose <c>category</c> column expires as a date string in <paramref name="pattern"/>, one day kept.</summary>
    private static async Task<ScanTestTable> DateStringTableAsync(string pattern)
    {
        ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        await t.Table.UpdateProperties().Set(MaintenanceProperties.DataExpireField.Key, "category")
            .Set(MaintenanceProperties.DataExpireLevel.Key, "file").Set(MaintenanceProperties.DataExpireRetentionTime.Key, "1d")
            .Set(MaintenanceProperties.DataExpireBaseOnRule.Key, "current_time")
            .Set(MaintenanceProperties.DataExpireDatetimeStringPattern.Key, pattern).CommitAsync(TestContext.Current.CancellationToken);
        return t;
    }

    /// <summary>A fixed UTC instant seen from a local zone other than UTC.</summary>
    private sealed class ZonedClock(DateTimeOffset utcNow, TimeZoneInfo zone) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utcNow;

        public override TimeZoneInfo LocalTimeZone => zone;
    }
}
