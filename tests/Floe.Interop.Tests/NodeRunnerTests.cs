using Floe.TestKit;
using System.Text.Json;

namespace Floe.Interop.Tests;

public sealed class NodeRunnerTests
{
    [Fact]
    public async Task Independent_readers_are_installed()
    {
        string output = await NodeRunner.RunAsync("smoke.mjs", [], TestContext.Current.CancellationToken);

        using JsonDocument document = JsonDocument.Parse(output);
        Assert.True(document.RootElement.GetProperty("avsc").GetBoolean());
        Assert.StartsWith("v1.", document.RootElement.GetProperty("duckdb").GetString());
    }
}
