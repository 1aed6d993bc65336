using System.Text;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Table.Operations;
using Floe.Table.Scanning;

namespace Floe.Cli.Tests;

/// <summary>
/// Damages a small table's manifest list, manifest and data file one way at a time and checks that every error a
/// scan, <c>floe table scan|describe</c> or <c>floe parquet|avro cat</c> reports names the damaged file, reads as
/// Floe's own sentence and stays short.
/// </summary>
public sealed class DamagedFileErrorTests : IDisposable
{
    private const int MaxMessageLength = 600;

    private static readonly string[] Boilerplate =
    [
        "LineNumber:", "BytePositionInLine", "Change the reader options", "Exception of type", "   at ", "Unhandled exception",
        "Index was outside", "Arithmetic operation", "Unable to read beyond the end of the stream",
    ];

    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), "floe-cli-damage-" + Guid.NewGuid().ToString("N"));

    public DamagedFileErrorTests() => Directory.CreateDirectory(_warehouse);

    public void Dispose() => Directory.Delete(_warehouse, recursive: true);

    [Fact]
    public async Task Every_error_from_a_damaged_table_file_names_the_file()
    {
        await CreateTableAsync();
        string metadata = Path.Combine(_warehouse, "db", "events", "metadata");
        string manifestList = Directory.GetFiles(metadata, "snap-*.avro").OrderByDescending(File.GetLastWriteTimeUtc).First();
        string manifest = Directory.GetFiles(metadata, "*.avro").First(p => !Path.GetFileName(p).StartsWith("snap-", StringComparison.Ordinal));
        string dataFile = Directory.GetFiles(Path.Combine(_warehouse, "db", "events", "data"), "*.parquet", SearchOption.AllDirectories).First();

        var failures = new List<string>();
        int errors = 0;
        foreach ((string file, string tool) in new[] { (manifestList, "avro"), (manifest, "avro"), (dataFile, "parquet") })
        {
            byte[] original = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            foreach ((string damage, byte[] bytes) in Damages(original))
            {
                await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);
                foreach ((string action, string? message) in await ErrorsAsync(file, tool))
                {
                    if (message is null)
                    {
                        continue;
                    }

                    errors++;
                    if (Problem(message, file) is { } problem)
                    {
                        failures.Add($"{Path.GetFileName(file)} {damage} via {action}: {problem}: {Shorten(message)}");
                    }
                }
            }

            await File.WriteAllBytesAsync(file, original, TestContext.Current.CancellationToken);
        }

        TestContext.Current.SendDiagnosticMessage($"{errors - failures.Count} of {errors} errors named the damaged file");
        Assert.True(errors > 30, $"only {errors} errors were raised");
        Assert.True(failures.Count == 0, $"{failures.Count} of {errors} errors fall short:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Append_errors_name_the_input_file_and_escape_bad_input()
    {
        await CreateTableAsync();
        string csv = Path.Combine(_warehouse, "garbage.csv");
        byte[] garbage = new byte[1024];
        new Random(7).NextBytes(garbage);
        // ASCII control characters and symbols: valid UTF-8 (invalid bytes are refused before the header is matched).
        garbage = [.. garbage.Select(b => (byte)(b & 0x7F)).Where(b => b is not (10 or 13 or (byte)','))];
        await File.WriteAllBytesAsync(csv, garbage, TestContext.Current.CancellationToken);
        var binary = await CliRunner.RunAsync("table", "append", "db.events", csv, "--warehouse", _warehouse);
        Assert.Equal(1, binary.ExitCode);
        string message = binary.Error.Trim();
        Assert.Contains("garbage.csv", message, StringComparison.Ordinal);
        Assert.Contains("line 1: the table has no column '", message, StringComparison.Ordinal);
        Assert.True(message.Length < 150 + csv.Length, message);
        Assert.DoesNotContain(message, c => char.IsControl(c) || c == '\uFFFD');

        string jsonl = Path.Combine(_warehouse, "rows.jsonl");
        await File.WriteAllTextAsync(jsonl, "{\"id\": 1}\n{\"id\": 2}\n[3]\n", TestContext.Current.CancellationToken);
        var array = await CliRunner.RunAsync("table", "append", "db.events", jsonl, "--warehouse", _warehouse);
        Assert.Equal($"floe: error: Input file '{jsonl}': line 3: expected a JSON object, found an array.", array.Error.Trim());

        await File.WriteAllTextAsync(jsonl, "{\"id\": 1}\n{\"id\": 2,, }\n", TestContext.Current.CancellationToken);
        var broken = await CliRunner.RunAsync("table", "append", "db.events", jsonl, "--warehouse", _warehouse);
        Assert.Equal($"floe: error: Input file '{jsonl}': line 2: invalid JSON at column 10.", broken.Error.Trim());

        await File.WriteAllTextAsync(csv, "id,name,price\n1,a,1.5\nx,b,2\n", TestContext.Current.CancellationToken);
        var value = await CliRunner.RunAsync("table", "append", "db.events", csv, "--warehouse", _warehouse);
        Assert.Equal($"floe: error: Input file '{csv}': line 3, column 'id': 'x' is not a valid long value.", value.Error.Trim());
    }

    /// <summary>What is wrong with <paramref name="message"/> as an error about <paramref name="file"/>, or null.</summary>
    private static string? Problem(string message, string file)
    {
        if (!message.Contains(Path.GetFileName(file), StringComparison.Ordinal))
        {
            return "does not name the file";
        }

        if (Boilerplate.FirstOrDefault(b => message.Contains(b, StringComparison.Ordinal)) is { } found)
        {
            return $"carries '{found}'";
        }

        return message.Length > MaxMessageLength ? $"is {message.Length} characters long" : null;
    }

    private static string Shorten(string message) => message.Length <= 300 ? message : message[..300] + "...";

    private async Task<List<(string Action, string? Message)>> ErrorsAsync(string file, string tool)
    {
        var errors = new List<(string, string?)> { ("library scan", await LibraryScanErrorAsync()) };
        foreach (string[] args in new[]
        {
            new[] { "table", "scan", "db.events", "--warehouse", _warehouse },
            ["table", "describe", "db.events", "--warehouse", _warehouse],
            [tool, "cat", file],
        })
        {
            var result = await CliRunner.RunAsync(args);
            errors.Add((string.Join(' ', args.Take(2)), result.ExitCode == 0 ? null : result.Error.Trim()));
        }

        return errors;
    }

    private async Task<string?> LibraryScanErrorAsync()
    {
        try
        {
            IcebergTable table = await new FileSystemCatalog(_warehouse).LoadTableAsync(TableIdentifier.Parse("db.events"), TestContext.Current.CancellationToken);
            await foreach (ColumnBatch batch in table.NewScan().ReadAsync(TestContext.Current.CancellationToken))
            {
                batch.Dispose();
            }

            return null;
        }
        catch (FloeException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"{ex.GetType().Name} (not a FloeException): {ex.Message}";
        }
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Damages(byte[] original)
    {
        int length = original.Length;
        foreach (int at in new[] { 3, 10, length / 4, length / 2, length - 9, length - 1 })
        {
            yield return ($"truncated at {at}", original[..at]);
        }

        foreach ((string part, int at) in new[] { ("header", 6), ("header", 12), ("body", length / 3), ("body", length / 2), ("footer", length - 12), ("footer", length - 6) })
        {
            byte[] flipped = (byte[])original.Clone();
            for (int i = at; i < Math.Min(length, at + 4); i++)
            {
                flipped[i] ^= 0xA5;
            }

            yield return ($"flipped in the {part} at {at}", flipped);
            byte[] overwritten = (byte[])original.Clone();
            overwritten.AsSpan(at, Math.Min(16, length - at)).Fill(0xFF);
            yield return ($"overwritten in the {part} at {at}", overwritten);
        }

        yield return ("zeroed", new byte[length]);
        yield return ("emptied", []);
        yield return ("replaced with text", Encoding.UTF8.GetBytes("this is not a table file\n"));
    }

    private async Task CreateTableAsync()
    {
        var created = await CliRunner.RunAsync("table", "create", "db.events", "--schema", "id long not null, name string, price double", "--warehouse", _warehouse);
        Assert.True(created.ExitCode == 0, created.Error);
        for (int i = 0; i < 3; i++)
        {
            string csv = Path.Combine(_warehouse, $"in{i}.csv");
            await File.WriteAllTextAsync(csv, $"id,name,price\n{i * 10 + 1},a{i},1.5\n{i * 10 + 2},b{i},2.5\n{i * 10 + 3},,\n", TestContext.Current.CancellationToken);
            var appended = await CliRunner.RunAsync("table", "append", "db.events", csv, "--warehouse", _warehouse);
            Assert.True(appended.ExitCode == 0, appended.Error);
        }
    }
}
