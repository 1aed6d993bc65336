using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Core.Tests.Properties;

public sealed class TablePropertyRegistryTests
{
    private static readonly Schema Schema = new([NestedField.Required(1, "id", PrimitiveType.Long)]);

    public static TheoryData<string> DeclaredKeys()
    {
        var keys = new TheoryData<string>();
        foreach (var property in TablePropertyRegistry.All)
        {
            keys.Add(property.Key);
        }

        return keys;
    }

    [Theory]
    [MemberData(nameof(DeclaredKeys))]
    public void Every_declared_key_accepts_its_default_and_is_described(string key)
    {
        var property = TablePropertyRegistry.All.Single(p => p.Key == key);
        string name = property.IsPrefix ? key + "id" : key;

        Assert.Same(property, TablePropertyRegistry.Find(name));
        if (property.DefaultText != "(none)")
        {
            property.Validate(name, property.DefaultText);
        }

        Assert.False(string.IsNullOrWhiteSpace(property.Description));
        Assert.DoesNotContain('\n', property.Description);
        Assert.False(string.IsNullOrWhiteSpace(property.Allowed));
    }

    [Fact]
    public void Unset_properties_read_as_their_defaults()
    {
        var settings = new TableSettings(new Dictionary<string, string>());

        Assert.Equal(512L * 1024 * 1024, settings.Get(IcebergWriteProperties.TargetFileSizeBytes));
        Assert.Equal("zstd", settings.Get(IcebergWriteProperties.ParquetCompressionCodec));
        Assert.Null(settings.Get(IcebergWriteProperties.ParquetCompressionLevel));
        Assert.Equal(4, settings.Get(CommitRetryProperties.NumRetries));
        Assert.True(settings.Get(ManifestProperties.MergeEnabled));
        Assert.Equal(4, settings.Get(PrimaryKeyProperties.BaseHashBucket));
        Assert.Equal(10080, settings.Get(PrimaryKeyProperties.ChangeDataTtlMinutes));
        Assert.Equal(0.75, settings.Get(SelfOptimizingProperties.MinTargetSizeRatio));
        Assert.Equal(-1, settings.Get(SelfOptimizingProperties.FullTriggerInterval));
        Assert.Null(settings.Get(MetricsProperties.DefaultMode));
        Assert.Equal(RowLevelWriteProperties.MergeOnRead, settings.Get(RowLevelWriteProperties.DeleteMode));
    }

    [Theory]
    [InlineData("commit.manifest-merge.enabled", "yes", "true or false")]
    [InlineData("write.target-file-size-bytes", "0", "a whole number from 1 (bytes)")]
    [InlineData("write.target-file-size-bytes", "12MB", "a whole number from 1 (bytes)")]
    [InlineData("write.parquet.page-row-limit", "99999999999", "a whole number from 1")]
    [InlineData("write.parquet.compression-codec", "lzo", "zstd, snappy")]
    [InlineData("self-optimizing.min-target-size-ratio", "1.5", "a number > 0 and <= 1")]
    [InlineData("self-optimizing.minor.trigger.interval", "soon", "milliseconds")]
    [InlineData("write.data.path", " ", "non-empty path")]
    [InlineData("change.file-index.hash-bucket", "6", "a power of two")]
    [InlineData("change.data.ttl.minutes", "-5", "minutes")]
    [InlineData("write.metadata.metrics.column.id", "truncate(0)", "truncate(n)")]
    [InlineData("optimize.enabled", "maybe", "true or false")]
    [InlineData("table-expire.enabled", "on", "true or false")]
    [InlineData("snapshot.keep.duration", "12 weeks", "a duration")]
    [InlineData("snapshot.keep.duration", "-5min", "a duration")]
    [InlineData("snapshot.keep.min-count", "0", "a whole number from 1")]
    [InlineData("clean-orphan-file.min-existing-time-minutes", "-1", "minutes")]
    [InlineData("data-expire.level", "row", "partition or file")]
    [InlineData("data-expire.field", "", "non-empty column name")]
    [InlineData("data-expire.retention-time", "1y", "a duration")]
    [InlineData("data-expire.datetime-string-pattern", "dd/MM", "a date-time pattern")]
    [InlineData("data-expire.datetime-number-format", "TIMESTAMP_US", "timestamp_ms or timestamp_s")]
    [InlineData("data-expire.base-on-rule", "YESTERDAY", "last_commit_time or current_time")]
    [InlineData("tag.auto-create.trigger.period", "weekly", "daily, hourly or monthly")]
    [InlineData("tag.auto-create.trigger.max-delay.minutes", "x", "minutes")]
    [InlineData("tag.auto-create.tag-format", "'tag-'", "a date-time pattern")]
    public void A_bad_value_is_refused_at_create_and_at_set_properties_naming_the_key(string key, string value, string allowed)
    {
        var properties = new Dictionary<string, string> { [key] = value };
        var atCreate = Assert.Throws<FloeException>(() => NewTable.Create(Schema, null, null, "/t", properties));
        var table = NewTable.Create(Schema, null, null, "/t");
        var atSet = Assert.Throws<FloeException>(() => TableMetadataBuilder.From(table).SetProperties(properties).Build());

        foreach (var error in new[] { atCreate, atSet })
        {
            Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
            Assert.Contains($"{key}='{value}'", error.Message, StringComparison.Ordinal);
            Assert.Contains(allowed, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("720min", 720 * 60_000L)]
    [InlineData("1d", 86_400_000L)]
    [InlineData("12 h", 12 * 3_600_000L)]
    [InlineData("30s", 30_000L)]
    [InlineData("250", 250L)]
    [InlineData("5 Minutes", 300_000L)]
    public void Durations_read_with_amoros_units(string text, long millis)
    {
        var settings = new TableSettings(new Dictionary<string, string> { [MaintenanceProperties.SnapshotKeepDuration.Key] = text });

        Assert.Equal(TimeSpan.FromMilliseconds(millis), settings.Get(MaintenanceProperties.SnapshotKeepDuration));
    }

    [Fact]
    public void Maintenance_properties_default_as_amoro_does()
    {
        var settings = new TableSettings(new Dictionary<string, string>());

        Assert.True(settings.Get(MaintenanceProperties.ExpireEnabled));
        Assert.Equal(TimeSpan.FromMinutes(720), settings.Get(MaintenanceProperties.SnapshotKeepDuration));
        Assert.Equal(1, settings.Get(MaintenanceProperties.SnapshotKeepMinCount));
        Assert.False(settings.Get(MaintenanceProperties.CleanOrphanFilesEnabled));
        Assert.Equal(2880, settings.Get(MaintenanceProperties.CleanOrphanFilesMinExistingMinutes));
        Assert.True(settings.Get(MaintenanceProperties.CleanDanglingDeletesEnabled));
        Assert.Equal("partition", settings.Get(MaintenanceProperties.DataExpireLevel));
        Assert.Equal("timestamp_ms", settings.Get(MaintenanceProperties.DataExpireDatetimeNumberFormat));
        Assert.Equal("last_commit_time", settings.Get(MaintenanceProperties.DataExpireBaseOnRule));
        Assert.Equal("daily", settings.Get(MaintenanceProperties.AutoTagPeriod));
        Assert.Equal(60, settings.Get(MaintenanceProperties.AutoTagMaxDelayMinutes));
        Assert.Equal(-1, settings.Get(MaintenanceProperties.AutoTagMaxAgeMs));
    }

    [Fact]
    public void Unknown_keys_are_allowed()
    {
        TablePropertyRegistry.Validate(new Dictionary<string, string> { ["engine.custom"] = "x", ["write.something-new"] = "y" });
        Assert.Null(TablePropertyRegistry.Find("write.something-new"));
    }

    [Fact]
    public void Values_are_trimmed_and_read_case_insensitively_where_the_kind_says_so()
    {
        var settings = new TableSettings(new Dictionary<string, string>
        {
            ["write.parquet.compression-codec"] = " SNAPPY ",
            ["optimize.enabled"] = "FALSE",
            ["write.target-file-size-bytes"] = " 2048",
        });

        Assert.Equal("snappy", settings.Get(IcebergWriteProperties.ParquetCompressionCodec));
        Assert.False(settings.Get(SelfOptimizingProperties.Enabled));
        Assert.True(settings.IsSet(SelfOptimizingProperties.Enabled));
        Assert.Equal(2048, settings.Get(IcebergWriteProperties.TargetFileSizeBytes));
    }

    [Fact]
    public void Settings_are_parsed_once_per_metadata()
    {
        var counting = new CountingProperty();
        var table = NewTable.Create(Schema, null, null, "/t", new Dictionary<string, string> { [counting.Key] = "v" });

        Assert.Same(table.Settings, table.Settings);
        Assert.Equal("v", table.Settings.Get(counting));
        Assert.Equal("v", table.Settings.Get(counting));
        Assert.Equal(1, counting.Parses);
        Assert.Same(table.Settings, table.WithMetadataFileLocation("/t/metadata/v1.metadata.json").Settings);

        var next = TableMetadataBuilder.From(table).SetProperties(new Dictionary<string, string> { ["other"] = "x" }).Build();
        Assert.Equal("v", next.Settings.Get(counting));
        Assert.Equal(2, counting.Parses);
    }

    [Fact]
    public void A_stored_bad_value_fails_each_read_naming_the_key()
    {
        // Another engine may have written a value Floe refuses; reading it fails every time, never caching a default.
        var settings = new TableSettings(new Dictionary<string, string> { ["commit.retry.num-retries"] = "many" });

        for (int i = 0; i < 2; i++)
        {
            var error = Assert.Throws<FloeException>(() => settings.Get(CommitRetryProperties.NumRetries));
            Assert.Contains("commit.retry.num-retries", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Folders_default_under_the_location_and_honour_the_configured_ones()
    {
        var none = new Dictionary<string, string>();
        var configured = new Dictionary<string, string> { ["write.data.path"] = "s3://b/t/d/", ["write.metadata.path"] = "s3://b/t/m" };

        Assert.Equal("s3://b/t/data", TableFolders.Data("s3://b/t/", none));
        Assert.Equal("s3://b/t/metadata", TableFolders.Metadata("s3://b/t", none));
        Assert.Equal("s3://b/t/d", TableFolders.Data("s3://b/t", configured));
        Assert.Equal("s3://b/t/m", TableFolders.Metadata("s3://b/t", configured));
    }

    private sealed class CountingProperty() : TableProperty<string>("test.counting", "", "Test", "Counts its parses.")
    {
        public int Parses { get; private set; }

        public override string Allowed => "text";

        protected override bool TryParse(string text, out string value)
        {
            Parses++;
            value = text;
            return true;
        }
    }
}
