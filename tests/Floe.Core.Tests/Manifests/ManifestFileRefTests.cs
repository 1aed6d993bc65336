using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Tests.Metadata;

namespace Floe.Core.Tests.Manifests;

/// <summary>The lean read (status, content, path, size, record count) against the full decoder.</summary>
public sealed class ManifestFileRefTests
{
    private static readonly LocalFileIO Io = new();

    [Fact]
    public async Task Every_fixture_manifest_reads_the_same_as_the_full_decoder()
    {
        // Manifests Spark, the Java library and Athena wrote (v1 and v2, data and deletes); manifest lists are not.
        List<string> manifests = [.. Directory.EnumerateFiles(Fixtures.IcebergRoot, "*.avro", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("snap-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

        int entries = 0;
        foreach (string manifest in manifests)
        {
            entries += await AssertSameAsFullAsync(manifest);
        }

        Assert.True(manifests.Count >= 10, $"only {manifests.Count} manifests found");
        Assert.True(entries >= 12, $"only {entries} entries read");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Written_manifests_read_the_same_as_the_full_decoder(int version)
    {
        string folder = Path.Combine(Path.GetTempPath(), "floe-file-refs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string data = Path.Combine(folder, "data.avro");
            File.WriteAllBytes(data, ManifestRoundTripTests.Write(ManifestTestData.Options(version), w =>
            {
                w.Add(ManifestTestData.DataFile(1));
                w.Existing(ManifestTestData.DataFile(2, category: null), 5, 0, null);
                w.Delete(ManifestTestData.DataFile(3, path: "s3://bucket/ünïcødé/ℵ/𝄞.parquet"), dataSequenceNumber: 0, fileSequenceNumber: null);
                // Longer than the reader's first path buffer.
                w.Add(ManifestTestData.DataFile(4, path: "s3://bucket/" + new string('d', 600) + "/ä.parquet"));
            }));
            Assert.Equal(4, await AssertSameAsFullAsync(data));
            if (version == 2)
            {
                string deletes = Path.Combine(folder, "deletes.avro");
                File.WriteAllBytes(deletes, ManifestRoundTripTests.Write(ManifestTestData.Options(content: ManifestContent.Deletes), w =>
                {
                    w.Add(ManifestTestData.EqualityDeletes(1));
                    w.Add(ManifestTestData.PositionDeletes(2));
                }));
                Assert.Equal(2, await AssertSameAsFullAsync(deletes));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_filter_sees_every_entry_and_only_kept_entries_are_yielded()
    {
        string folder = Path.Combine(Path.GetTempPath(), "floe-file-refs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string manifest = Path.Combine(folder, "m.avro");
            DataFile[] files = [ManifestTestData.DataFile(1), ManifestTestData.DataFile(2), ManifestTestData.DataFile(3)];
            File.WriteAllBytes(manifest, ManifestRoundTripTests.Write(ManifestTestData.Options(), w =>
            {
                w.Add(files[0]);
                w.Existing(files[1], 5, 3, 4);
                w.Delete(files[2], dataSequenceNumber: 2, fileSequenceNumber: 2);
            }));
            var seen = new List<(EntryStatus, FileContent, string)>();
            ManifestPathFilter filter = (status, content, path) =>
            {
                seen.Add((status, content, path.ToString()));
                return path.SequenceEqual(files[1].FilePath);
            };

            List<ManifestFileRef> kept = [];
            await foreach (ManifestFileRef file in ManifestReader.ReadFileRefsAsync(Io.NewInputFile(manifest), filter, TestContext.Current.CancellationToken))
            {
                kept.Add(file);
            }

            Assert.Equal(
                [(EntryStatus.Added, FileContent.Data, files[0].FilePath), (EntryStatus.Existing, FileContent.Data, files[1].FilePath), (EntryStatus.Deleted, FileContent.Data, files[2].FilePath)],
                seen);
            Assert.Equal([new ManifestFileRef(EntryStatus.Existing, FileContent.Data, files[1].FilePath, files[1].FileSizeInBytes, files[1].RecordCount)], kept);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("content", "data", "junk", "content 'junk' is neither 'data' nor 'deletes'")]
    [InlineData("format-version", "2", "x", "'format-version' is 'x', not an integer")]
    public async Task A_header_value_the_spec_does_not_allow_is_refused_by_both_reads(string key, string value, string bad, string message)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string folder = Path.Combine(Path.GetTempPath(), "floe-file-refs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            byte[] bytes = ManifestRoundTripTests.Write(ManifestTestData.Options(), w => w.Add(ManifestTestData.DataFile(1)));
            // The header map holds each key and value as a length-prefixed string: a value of the same length swaps in place.
            byte[] entry = [(byte)(key.Length * 2), .. System.Text.Encoding.ASCII.GetBytes(key), (byte)(value.Length * 2), .. System.Text.Encoding.ASCII.GetBytes(value)];
            int at = bytes.AsSpan().IndexOf(entry);
            Assert.True(at >= 0, $"header entry {key} not found");
            System.Text.Encoding.ASCII.GetBytes(bad).CopyTo(bytes, at + entry.Length - value.Length);
            string manifest = Path.Combine(folder, "bad.avro");
            File.WriteAllBytes(manifest, bytes);

            var full = await Assert.ThrowsAnyAsync<FloeException>(() => ManifestReader.ReadAllAsync(Io.NewInputFile(manifest), null, ct));
            var lean = await Assert.ThrowsAnyAsync<FloeException>(async () =>
            {
                await foreach (ManifestFileRef _ in ManifestReader.ReadFileRefsAsync(Io.NewInputFile(manifest), null, ct))
                {
                }
            });
            Assert.Contains(message, full.Message, StringComparison.Ordinal);
            Assert.Contains(message, lean.Message, StringComparison.Ordinal);
            Assert.Contains("bad.avro", lean.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reads a manifest both ways, asserts the same entries in the same order and returns their count.</summary>
    private static async Task<int> AssertSameAsFullAsync(string manifest)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        List<ManifestEntry> full = await ManifestReader.ReadAllAsync(Io.NewInputFile(manifest), null, ct);
        List<ManifestFileRef> lean = [];
        await foreach (ManifestFileRef file in ManifestReader.ReadFileRefsAsync(Io.NewInputFile(manifest), null, ct))
        {
            lean.Add(file);
        }

        Assert.Equal(
            full.Select(e => new ManifestFileRef(e.Status, e.File.Content, e.File.FilePath, e.File.FileSizeInBytes, e.File.RecordCount)),
            lean);
        return lean.Count;
    }
}
