using System.Text.Json;
using Floe.PrimaryKeys.Reading;
using Floe.Server.Configuration;
using Floe.Table.Scanning;
using Floe.TestKit.Server;

namespace Floe.Server.Tests.Hosting;

/// <summary>Alone, since every server start bounds the process-wide caches.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class ProcessWideCaches;

[Collection(typeof(ProcessWideCaches))]
public sealed class ConfiguredCachesTests
{
    [Fact]
    public async Task A_server_bounds_the_scan_caches_at_start_and_reports_their_figures_in_its_health()
    {
        try
        {
            await using (RunningServer server = await RunningServer.StartAsync(configure: o => o with
            {
                CacheMegabytes = new Dictionary<string, long> { ["scan-cache.manifests-mb"] = 3, ["scan-cache.footers-mb"] = 0, ["merge-cache.key-maps-mb"] = 5 },
            }))
            {
                Assert.Equal(3L << 20, ScanCaches.Manifests.MaxBytes);
                Assert.False(ScanCaches.Footers.Enabled);
                Assert.Equal(Scaled(ScanCaches.DefaultDecodedFileBytes), ScanCaches.DecodedFiles.MaxBytes);
                Assert.Equal(5L << 20, MergeCaches.KeyMaps.MaxBytes);
                Assert.Equal(Scaled(MergeCaches.DefaultBaseKeyBytes), MergeCaches.BaseKeys.MaxBytes);

                var (response, body) = await server.SendAsync(HttpMethod.Get, "/api/floe/v1/health");
                Assert.Equal(200, (int)response.StatusCode);
                Dictionary<string, JsonElement> caches = body.GetProperty("caches").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
                Assert.Equal(
                    ["merge-cache.base-keys", "merge-cache.change-rows", "merge-cache.exclusions", "merge-cache.key-maps", "merge-cache.plans", "merge-cache.tasks",
                        "scan-cache.decoded-files", "scan-cache.footers", "scan-cache.manifests", "scan-cache.position-deletes"],
                    caches.Keys.Order(StringComparer.Ordinal));
                Assert.Equal(5L << 20, caches["merge-cache.key-maps"].GetProperty("max-bytes").GetInt64());
                Assert.Equal(3L << 20, caches["scan-cache.manifests"].GetProperty("max-bytes").GetInt64());
                Assert.Equal(0, caches["scan-cache.footers"].GetProperty("max-bytes").GetInt64());
                Assert.Equal(ScanCaches.Manifests.Misses, caches["scan-cache.manifests"].GetProperty("misses").GetInt64());
                Assert.All(caches.Values, c => Assert.True(c.GetProperty("bytes").GetInt64() >= 0 && c.GetProperty("hits").GetInt64() >= 0 && c.GetProperty("entries").GetInt32() >= 0));
            }

            // The next server without the keys gives every cache its built-in bound again.
            await using (await RunningServer.StartAsync())
            {
                Assert.Equal(Scaled(ScanCaches.DefaultManifestBytes), ScanCaches.Manifests.MaxBytes);
                Assert.Equal(Scaled(ScanCaches.DefaultFooterBytes), ScanCaches.Footers.MaxBytes);
                Assert.Equal(Scaled(MergeCaches.DefaultKeyMapBytes), MergeCaches.KeyMaps.MaxBytes);
            }
        }
        finally
        {
            ConfiguredCaches.Apply(new Dictionary<string, long>());
        }
    }

    /// <summary>A default bound as this process gets it (the test machine may have little memory).</summary>
    private static long Scaled(long defaultBytes) => (long)(defaultBytes * ConfiguredCaches.DefaultScale(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));

    [Fact]
    public void Default_bounds_share_a_quarter_of_the_memory_the_process_may_use_when_they_would_pass_it()
    {
        long defaults = ConfiguredCaches.All.Sum(c => c.DefaultBytes);
        try
        {
            Assert.Equal(1.0, ConfiguredCaches.DefaultScale(defaults * 4));
            Assert.Equal(1.0, ConfiguredCaches.DefaultScale(0));
            Assert.Equal(0.5, ConfiguredCaches.DefaultScale(defaults * 2));

            // A 2 GB container: the defaults (1,200 MB) shrink to 512 MB together; a configured bound is kept as given.
            ConfiguredCaches.Apply(new Dictionary<string, long> { ["scan-cache.footers-mb"] = 64 }, 2L << 30);
            Assert.Equal(64L << 20, ScanCaches.Footers.MaxBytes);
            Assert.Equal((long)(ScanCaches.DefaultManifestBytes * (512.0 * 1048576 / defaults)), ScanCaches.Manifests.MaxBytes);
            long others = ConfiguredCaches.All.Where(c => c.Key != "scan-cache.footers-mb").Sum(c => c.Cache.MaxBytes);
            Assert.InRange(others, (512L << 20) - (64L << 20) - 16, 512L << 20);
        }
        finally
        {
            ConfiguredCaches.Apply(new Dictionary<string, long>());
        }
    }
}
