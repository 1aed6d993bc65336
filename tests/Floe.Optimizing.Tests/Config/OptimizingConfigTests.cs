using Floe.Common.Errors;
using Floe.Core.Properties;
using Floe.Optimizing.Config;

namespace Floe.Optimizing.Tests.Config;

public sealed class OptimizingConfigTests
{
    [Fact]
    public void Defaults_are_Amoros()
    {
        var config = OptimizingConfig.FromProperties(new Dictionary<string, string>());
        Assert.True(config.Enabled);
        Assert.Equal("default", config.Group);
        Assert.Equal(0.5, config.Quota);
        Assert.Equal(5, config.ExecuteNumRetries);
        Assert.Equal(134217728, config.TargetSize);
        Assert.Equal(10000, config.MaxFileCount);
        Assert.Equal(134217728, config.MaxTaskSizeBytes);
        Assert.Equal(8, config.FragmentRatio);
        Assert.Equal(0.75, config.MinTargetSizeRatio);
        Assert.Equal(12, config.MinorTriggerFileCount);
        Assert.Equal(3600000, config.MinorTriggerIntervalMs);
        Assert.Equal(0.1, config.MajorTriggerDuplicateRatio);
        Assert.Equal(-1, config.FullTriggerIntervalMs);
        Assert.True(config.FullRewriteAllFiles);
        Assert.Equal(60000, config.MinPlanIntervalMs);
        Assert.Null(config.Filter);
        Assert.False(config.AllowPartialCommit);
        Assert.Equal(0, config.RefreshAdaptiveMaxIntervalMs);
        Assert.Equal(30000, config.RefreshAdaptiveIncreaseStepMs);
        Assert.Equal(-1, config.EvaluationFallbackIntervalMs);
        Assert.Equal(0, config.EvaluationMseTolerance);
        Assert.False(config.RowGroupMergeEnabled);
        Assert.Equal(16L * 1024 * 1024, config.FragmentSize);
        Assert.Equal(96L * 1024 * 1024, config.MinTargetSize);
        Assert.Equal(134217728, config.TaskCapacity);
    }

    [Fact]
    public void Every_property_is_read()
    {
        var config = OptimizingConfig.FromProperties(new Dictionary<string, string>
        {
            [SelfOptimizingProperties.Enabled.Key] = "FALSE",
            [SelfOptimizingProperties.OptimizerGroup.Key] = "etl",
            [SelfOptimizingProperties.Quota.Key] = "2.5",
            [SelfOptimizingProperties.ExecuteNumRetries.Key] = "1",
            [SelfOptimizingProperties.TargetSize.Key] = "1000",
            [SelfOptimizingProperties.MaxFileCount.Key] = "7",
            [SelfOptimizingProperties.MaxTaskSizeBytes.Key] = "5000",
            [SelfOptimizingProperties.FragmentRatio.Key] = "4",
            [SelfOptimizingProperties.MinTargetSizeRatio.Key] = "0.5",
            [SelfOptimizingProperties.MinorTriggerFileCount.Key] = "3",
            [SelfOptimizingProperties.MinorTriggerInterval.Key] = "-5",
            [SelfOptimizingProperties.MajorTriggerDuplicateRatio.Key] = "0.3",
            [SelfOptimizingProperties.FullTriggerInterval.Key] = "100",
            [SelfOptimizingProperties.FullRewriteAllFiles.Key] = "false",
            [SelfOptimizingProperties.MinPlanInterval.Key] = "0",
            [SelfOptimizingProperties.Filter.Key] = " id > 3 ",
            [SelfOptimizingProperties.AllowPartialCommit.Key] = "true",
            [SelfOptimizingProperties.RefreshAdaptiveMaxInterval.Key] = "9",
            [SelfOptimizingProperties.RefreshAdaptiveIncreaseStep.Key] = "8",
            [SelfOptimizingProperties.EvaluationFallbackInterval.Key] = "7",
            [SelfOptimizingProperties.EvaluationMseTolerance.Key] = "0.25",
            [SelfOptimizingProperties.RowGroupMergeEnabled.Key] = "true",
        });
        Assert.False(config.Enabled);
        Assert.Equal("etl", config.Group);
        Assert.Equal(2.5, config.Quota);
        Assert.Equal(1, config.ExecuteNumRetries);
        Assert.Equal(1000, config.TargetSize);
        Assert.Equal(7, config.MaxFileCount);
        Assert.Equal(5000, config.TaskCapacity);
        Assert.Equal(250, config.FragmentSize);
        Assert.Equal(500, config.MinTargetSize);
        Assert.Equal(3, config.MinorTriggerFileCount);
        Assert.Equal(-1, config.MinorTriggerIntervalMs);
        Assert.Equal(0.3, config.MajorTriggerDuplicateRatio);
        Assert.Equal(100, config.FullTriggerIntervalMs);
        Assert.False(config.FullRewriteAllFiles);
        Assert.Equal(0, config.MinPlanIntervalMs);
        Assert.Equal("id > 3", config.Filter);
        Assert.True(config.AllowPartialCommit);
        Assert.Equal(9, config.RefreshAdaptiveMaxIntervalMs);
        Assert.Equal(8, config.RefreshAdaptiveIncreaseStepMs);
        Assert.Equal(7, config.EvaluationFallbackIntervalMs);
        Assert.Equal(0.25, config.EvaluationMseTolerance);
        Assert.True(config.RowGroupMergeEnabled);
        Assert.Equal(3, config.QuotaThreads(10));
    }

    [Fact]
    public void Old_optimize_prefix_is_accepted_and_the_new_one_wins()
    {
        var legacy = OptimizingConfig.FromProperties(new Dictionary<string, string> { ["optimize.target-size"] = "2048", ["optimize.enabled"] = "false" });
        Assert.Equal(2048, legacy.TargetSize);
        Assert.False(legacy.Enabled);

        var both = OptimizingConfig.FromProperties(new Dictionary<string, string> { ["optimize.target-size"] = "2048", [SelfOptimizingProperties.TargetSize.Key] = "4096" });
        Assert.Equal(4096, both.TargetSize);
    }

    [Theory]
    [InlineData("self-optimizing.enabled", "yes")]
    [InlineData("self-optimizing.target-size", "0")]
    [InlineData("self-optimizing.target-size", "12MB")]
    [InlineData("self-optimizing.min-target-size-ratio", "1.5")]
    [InlineData("self-optimizing.fragment-ratio", "-1")]
    [InlineData("self-optimizing.major.trigger.duplicate-ratio", "NaN")]
    [InlineData("self-optimizing.quota", "0")]
    [InlineData("self-optimizing.max-file-count", "99999999999")]
    [InlineData("self-optimizing.group", " ")]
    [InlineData("optimize.minor.trigger.file-count", "many")]
    public void Bad_values_name_the_property(string key, string value)
    {
        var error = Assert.Throws<FloeException>(() => OptimizingConfig.FromProperties(new Dictionary<string, string> { [key] = value }));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quota_threads_are_a_share_of_the_group_or_a_count()
    {
        var half = new OptimizingConfig { Quota = 0.5 };
        Assert.Equal(2, half.QuotaThreads(4));
        Assert.Equal(1, half.QuotaThreads(1));
        Assert.Equal(1, new OptimizingConfig { Quota = 0.1 }.QuotaThreads(3));
        Assert.Equal(3, new OptimizingConfig { Quota = 3 }.QuotaThreads(100));
    }
}
