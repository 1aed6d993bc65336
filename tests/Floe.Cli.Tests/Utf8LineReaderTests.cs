using Floe.Cli.Input;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Sql;

namespace Floe.Cli.Tests;

public sealed class Utf8LineReaderTests
{
    private static async Task<List<string>> LinesAsync(byte[] input)
    {
        using var reader = new Utf8LineReader(new MemoryStream(input));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    [Fact]
    public async Task Splits_at_every_line_ending_skips_a_bom_and_keeps_a_last_line_without_ending()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. "a\nb\r\nc\rd\r\n\r\né"u8];

        Assert.Equal(["a", "b", "c", "d", string.Empty, "é"], await LinesAsync(input));
    }

    [Fact]
    public async Task Lines_longer_than_the_buffer_and_a_cr_lf_split_by_a_refill_read_whole()
    {
        string longLine = new('x', 200_000);
        byte[] input = System.Text.Encoding.UTF8.GetBytes($"{new string('y', (64 * 1024) - 1)}\r\n{longLine}\n");

        List<string> lines = await LinesAsync(input);

        Assert.Equal(2, lines.Count);
        Assert.Equal(longLine, lines[1]);
        using var sync = new Utf8LineReader(new MemoryStream(input));
        Assert.Equal(64 * 1024 - 1, sync.ReadLine()!.Length);
        Assert.Equal(longLine, sync.ReadLine());
        Assert.Null(sync.ReadLine());
    }

    [Fact]
    public async Task Invalid_bytes_become_markers_not_replacement_characters()
    {
        List<string> lines = await LinesAsync([(byte)'a', 0xFF, 0xE2, 0x82, (byte)'\n', 0xEF, 0xBF, 0xBD]);

        Assert.Equal("a\uDCFF\uDCE2\uDC82", lines[0]);
        Assert.Equal("\uFFFD", lines[1]);
    }

    [Fact]
    public async Task Utf16_input_is_refused()
    {
        FloeException error = await Assert.ThrowsAsync<FloeException>(() => LinesAsync([0xFF, 0xFE, (byte)'a', 0]));

        Assert.Contains("must be UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_readers_with_unpaired_surrogates_are_refused_for_csv_and_json()
    {
        Schema schema = SqlSchema.Parse("id int, note string");

        FloeException csv = await Assert.ThrowsAsync<FloeException>(async () =>
        {
            await foreach (var batch in CsvBatchReader.ReadAsync(new StringReader("id,note\n1,a\uD800b\n"), schema, cancellationToken: TestContext.Current.CancellationToken))
            {
                batch.Dispose();
            }
        });
        FloeException json = await Assert.ThrowsAsync<FloeException>(async () =>
        {
            await foreach (var batch in JsonLinesBatchReader.ReadAsync(new StringReader("{\"note\": \"a\uD800\"}\n"), schema, cancellationToken: TestContext.Current.CancellationToken))
            {
                batch.Dispose();
            }
        });

        Assert.Equal("line 2, column 'note': the value is not valid UTF-8 (an unpaired surrogate U+D800 at offset 1).", csv.Message);
        Assert.StartsWith("line 1, column 'note': the value is not valid UTF-8", json.Message, StringComparison.Ordinal);
    }
}
