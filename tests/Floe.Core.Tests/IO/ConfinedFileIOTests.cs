using Floe.Common.Errors;
using Floe.Core.IO;

namespace Floe.Core.Tests.IO;

public sealed class ConfinedFileIOTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "floe-confined-" + Guid.NewGuid().ToString("N"));

    public ConfinedFileIOTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "tbl", "data"));
        Directory.CreateDirectory(Path.Combine(_root, "tbl2", "data"));
        File.WriteAllText(Path.Combine(_root, "tbl", "data", "a.parquet"), "inside");
        File.WriteAllText(Path.Combine(_root, "tbl2", "data", "b.parquet"), "sibling");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Table => Path.Combine(_root, "tbl");

    [Fact]
    public async Task Inside_files_are_read_written_and_deleted()
    {
        var ct = TestContext.Current.CancellationToken;
        var io = new ConfinedFileIO(new LocalFileIO(), Table);
        string inside = Path.Combine(Table, "data", "a.parquet");
        Assert.Equal("inside"u8.ToArray(), await io.NewInputFile(inside).ReadAllBytesAsync(ct));
        await using (var stream = await io.NewOutputFile(Path.Combine(Table, "data", "c.parquet")).CreateAsync(ct))
        {
            stream.WriteByte(1);
        }

        await io.DeleteAsync(inside, ct);
        Assert.False(File.Exists(inside));
        Assert.True(File.Exists(Path.Combine(Table, "data", "c.parquet")));
    }

    [Theory]
    [InlineData("tbl2/data/b.parquet")]
    [InlineData("tbl/../tbl2/data/b.parquet")]
    public async Task Outside_files_are_refused_and_left_alone(string relative)
    {
        var ct = TestContext.Current.CancellationToken;
        var io = new ConfinedFileIO(new LocalFileIO(), Table);
        string outside = _root + "/" + relative;
        var read = Assert.Throws<FloeException>(() => io.NewInputFile(outside));
        Assert.Equal(FloeErrorKind.InvalidData, read.Kind);
        Assert.Contains(outside, read.Message);
        Assert.Contains(Table, read.Message);
        Assert.Throws<FloeException>(() => io.NewOutputFile(outside));
        await Assert.ThrowsAsync<FloeException>(async () => await io.DeleteAsync(outside, ct));
        await Assert.ThrowsAsync<FloeException>(async () => await io.ExistsAsync("file://" + outside, ct));
        Assert.True(File.Exists(Path.Combine(_root, "tbl2", "data", "b.parquet")));
    }

    [Fact]
    public async Task Listing_is_allowed_under_the_root_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var io = new ConfinedFileIO(new LocalFileIO(), Table);
        var listed = new List<string>();
        await foreach (var entry in io.ListPrefixAsync(Table, ct))
        {
            listed.Add(entry.Location);
        }

        Assert.Equal([Path.Combine(Table, "data", "a.parquet")], listed);
        await Assert.ThrowsAsync<FloeException>(async () =>
        {
            await foreach (var _ in io.ListPrefixAsync(_root, ct))
            {
            }
        });
    }
}
