using Floe.Common.Errors;
using Floe.Server.Configuration;
using Floe.TestKit;

namespace Floe.Server.Tests.Maintenance;

/// <summary>The <c>maintenance:</c> section of <c>floe.yaml</c>: Amoro's defaults, nested and flat keys, environment overrides, clear errors.</summary>
public sealed class MaintenanceConfigTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private ServerOptions Load(string? yaml, Dictionary<string, string>? environment = null)
    {
        string? path = null;
        if (yaml is not null)
        {
            path = _directory.Combine("floe.yaml");
            File.WriteAllText(path, yaml);
        }

        return ServerConfigLoader.Load(path, environment ?? [], null, _directory.Path);
    }

    [Fact]
    public void Defaults_are_those_of_amoro()
    {
        MaintenanceOptions options = Load(null).Maintenance;

        Assert.True(options.Enabled);
        Assert.Equal(new MaintenanceActionOptions(true, TimeSpan.FromHours(1)), options.ExpireSnapshots);
        Assert.Equal(new MaintenanceActionOptions(true, TimeSpan.FromDays(1)), options.CleanOrphanFiles);
        Assert.Equal(new MaintenanceActionOptions(true, TimeSpan.FromDays(1)), options.CleanDanglingDeleteFiles);
        Assert.Equal(new MaintenanceActionOptions(true, TimeSpan.FromDays(1)), options.ExpireData);
        Assert.Equal(new MaintenanceActionOptions(true, TimeSpan.FromMinutes(1)), options.AutoCreateTags);
        Assert.Equal(2, options.Workers);
    }

    [Fact]
    public void The_section_sets_switches_intervals_and_threads_and_the_environment_wins()
    {
        MaintenanceOptions options = Load("""
            maintenance:
              thread-count: 4
              history-keep-ms: 1000
              expire-snapshots:
                interval: 10min
              clean-orphan-files: { enabled: false }
              expire-data.interval: 12h
            """, new Dictionary<string, string> { ["FLOE_MAINTENANCE_AUTO_CREATE_TAGS_ENABLED"] = "false" }).Maintenance;

        Assert.Equal((4, 1000L), (options.Workers, options.HistoryKeepMs));
        Assert.Equal(new MaintenanceActionOptions(true, TimeSpan.FromMinutes(10)), options.ExpireSnapshots);
        Assert.Equal(new MaintenanceActionOptions(false, TimeSpan.FromDays(1)), options.CleanOrphanFiles);
        Assert.Equal(TimeSpan.FromHours(12), options.ExpireData.Interval);
        Assert.False(options.AutoCreateTags.Enabled);
    }

    [Theory]
    [InlineData("maintenance:\n  expire-snapshots:\n    interval: soon\n", "maintenance.expire-snapshots.interval")]
    [InlineData("maintenance:\n  expire-snapshots:\n    interval: 10ms\n", "at least one second")]
    [InlineData("maintenance:\n  thread-count: 0\n", "from 1 to 64")]
    [InlineData("maintenance:\n  vacuum:\n    interval: 1h\n", "unknown key 'maintenance.vacuum'")]
    [InlineData("maintenance:\n  expire-data:\n    enabled: sometimes\n", "not true or false")]
    public void Bad_values_are_refused_naming_the_key(string yaml, string expected)
    {
        var error = Assert.Throws<FloeException>(() => Load(yaml));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
