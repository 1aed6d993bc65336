using Floe.Common.Errors;

namespace Floe.Common.Tests.Errors;

public sealed class FileErrorsTests
{
    [Fact]
    public void In_file_puts_the_location_in_front_once_and_keeps_the_kind()
    {
        var error = new FloeException(FloeErrorKind.InvalidData, "block 0 (file offset 42): bad sync marker");
        FloeException named = error.InFile("Manifest", "/t/m0.avro");
        Assert.Equal("Manifest '/t/m0.avro': block 0 (file offset 42): bad sync marker", named.Message);
        Assert.Equal(FloeErrorKind.InvalidData, named.Kind);
        Assert.Same(error, named.InnerException);
        Assert.Same(named, named.InFile("Manifest list", "/t/m0.avro"));
    }

    [Fact]
    public async Task Reading_names_the_file_in_errors_of_tasks_and_enumerations()
    {
        var task = await Assert.ThrowsAsync<FloeException>(() =>
            FileErrors.ReadingAsync<int>("Input file", "a.csv", () => throw new FloeException(FloeErrorKind.InvalidArgument, "line 2: bad")));
        Assert.Equal("Input file 'a.csv': line 2: bad", task.Message);
        Assert.Equal(FloeErrorKind.InvalidArgument, task.Kind);

        var read = new List<int>();
        var enumeration = await Assert.ThrowsAsync<FloeException>(async () =>
        {
            await foreach (int item in FileErrors.ReadingAsync("Input file", "b.jsonl", FailAfterOne(), TestContext.Current.CancellationToken))
            {
                read.Add(item);
            }
        });
        Assert.Equal([1], read);
        Assert.Equal("Input file 'b.jsonl': line 2: bad", enumeration.Message);
    }

    [Fact]
    public void Excerpt_escapes_control_and_non_printable_characters_and_shortens()
    {
        Assert.Equal("plain text", ErrorText.Excerpt("plain text"));
        Assert.Equal("a\\x00b\\x1Bc\\uFFFDd\\u200Be", ErrorText.Excerpt("a\0b\u001bc\uFFFDd\u200Be"));
        Assert.Equal("caf\u00e9 \U0001F600", ErrorText.Excerpt("caf\u00e9 \U0001F600"));
        Assert.Equal("lone \\uD800", ErrorText.Excerpt("lone \uD800"));
        Assert.Equal(new string('x', 60) + "...", ErrorText.Excerpt(new string('x', 1000)));
        Assert.Equal("abc...", ErrorText.Excerpt("abcdef", 3));
    }

    [Fact]
    public void Json_position_counts_from_one()
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse("{\"a\": 1 x}"));
        Assert.Equal("at line 1, byte 9", ErrorText.JsonPosition(error));
    }

    private static async IAsyncEnumerable<int> FailAfterOne()
    {
        await Task.Yield();
        yield return 1;
        throw new FloeException(FloeErrorKind.InvalidData, "line 2: bad");
    }
}
