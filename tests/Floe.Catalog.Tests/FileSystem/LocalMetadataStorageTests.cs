using Floe.Catalog.FileSystem;

namespace Floe.Catalog.Tests.FileSystem;

public sealed class LocalMetadataStorageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "floe-storage-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Racing_creates_exactly_one_wins_and_its_content_is_whole()
    {
        for (int round = 0; round < 40; round++)
        {
            string path = Path.Combine(_folder, $"v{round}.metadata.json");
            var racers = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            {
                byte[] content = new byte[1000 + i];
                Array.Fill(content, (byte)('a' + i));
                return (Won: await LocalMetadataStorage.Instance.TryCreateAsync(path, content, Task.CompletedTask, _ct), Length: content.Length);
            }, _ct)).ToArray();
            var results = await Task.WhenAll(racers);

            var winner = Assert.Single(results, r => r.Won);
            Assert.Equal(winner.Length, new FileInfo(path).Length);
        }

        Assert.DoesNotContain(Directory.EnumerateFiles(_folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replace_overwrites_whole()
    {
        string path = Path.Combine(_folder, "version-hint.text");
        await LocalMetadataStorage.Instance.ReplaceAsync(path, "9"u8.ToArray(), _ct);
        await LocalMetadataStorage.Instance.ReplaceAsync(path, "12"u8.ToArray(), _ct);
        Assert.Equal("12", File.ReadAllText(path));
        await LocalMetadataStorage.Instance.ReplaceAsync(path, "3"u8.ToArray(), _ct);

        Assert.Equal("3", File.ReadAllText(path));
        Assert.Equal(["version-hint.text"], LocalMetadataStorage.Instance.ListFileNames(_folder));
    }
}
