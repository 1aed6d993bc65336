namespace Floe.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Help_describes_floe_and_succeeds()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("Floe", output);
        Assert.Contains("Usage:", output);
    }

    [Fact]
    public async Task Version_prints_assembly_version()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("--version");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Fact]
    public async Task Unknown_verb_fails_with_message_naming_it()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("frobnicate");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("frobnicate", error);
    }

    [Fact]
    public void Text_table_writer_aligns_columns_and_truncates_long_cells()
    {
        using var output = new StringWriter();
        var writer = new Floe.Cli.Output.TextTableWriter(output, ["id", "name"]);

        long rows = writer.Write([["1", "a"], ["22", new string('x', 100)]]);

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows);
        Assert.Equal("id | name", lines[0].TrimEnd());
        Assert.StartsWith("1  | a", lines[2]);
        Assert.EndsWith("…", lines[3].TrimEnd());
    }
}
