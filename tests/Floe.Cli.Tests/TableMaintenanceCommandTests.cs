namespace Floe.Cli.Tests;

public sealed class TableMaintenanceCommandTests : IDisposable
{
    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), "floe-cli-maint-" + Guid.NewGuid().ToString("N"));

    public TableMaintenanceCommandTests() => Directory.CreateDirectory(_warehouse);

    public void Dispose() => Directory.Delete(_warehouse, recursive: true);

    private async Task<string> Ok(params string[] args)
    {
        var result = await CliRunner.RunAsync([.. args, "--warehouse", _warehouse]);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output;
    }

    private string Input(string name, string text)
    {
        string path = Path.Combine(_warehouse, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task CreatePlainAsync(params string[] extra)
    {
        await Ok(["table", "create", "db.t", "--schema", "id long not null, day string", .. extra]);
        await Ok("table", "append", "db.t", Input("a.csv", "id,day\n1,2020-01-01\n"));
        await Ok("table", "append", "db.t", Input("b.csv", "id,day\n2,2999-01-01\n"));
        await Ok("table", "delete", "db.t", "--where", "id = 1");
    }

    [Fact]
    public async Task Expire_snapshots_follows_the_options_and_prints_what_went()
    {
        await CreatePlainAsync();

        Assert.StartsWith("0 snapshots expired", await Ok("table", "expire-snapshots", "db.t"), StringComparison.Ordinal);
        string output = await Ok("table", "expire-snapshots", "db.t", "--older-than", DateTimeOffset.UtcNow.AddDays(1).ToString("O"), "--retain-last", "1");

        Assert.Matches("^[1-9][0-9]* snapshots expired; [1-9][0-9]* files deleted \\([0-9]+ bytes\\): .*1 data", output);
        Assert.Contains("2", await Ok("table", "scan", "db.t"), StringComparison.Ordinal);
        var bad = await CliRunner.RunAsync("table", "expire-snapshots", "db.t", "--older-than", "yesterday", "--warehouse", _warehouse);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--older-than 'yesterday'", bad.Error, StringComparison.Ordinal);
        var badValue = await CliRunner.RunAsync("table", "set-property", "db.t", "snapshot.keep.duration=forever", "--warehouse", _warehouse);
        Assert.Equal(1, badValue.ExitCode);
        Assert.Contains("snapshot.keep.duration='forever'", badValue.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clean_orphans_lists_in_a_dry_run_then_deletes()
    {
        await CreatePlainAsync();
        string stray = Path.Combine(_warehouse, "db", "t", "data", "stray.parquet");
        await File.WriteAllTextAsync(stray, "x", TestContext.Current.CancellationToken);

        Assert.Contains("would delete 0 files", await Ok("table", "clean-orphans", "db.t", "--dry-run"), StringComparison.Ordinal);
        File.SetLastWriteTimeUtc(stray, DateTime.UtcNow.AddHours(-2));
        string dry = await Ok("table", "clean-orphans", "db.t", "--older-than-minutes", "60", "--dry-run");
        Assert.Contains("would delete 1 files", dry, StringComparison.Ordinal);
        Assert.Contains(stray, dry, StringComparison.Ordinal);
        Assert.True(File.Exists(stray));

        Assert.Contains("1 files deleted (1 bytes): 1 data", await Ok("table", "clean-orphans", "db.t", "--older-than-minutes", "60"), StringComparison.Ordinal);
        Assert.False(File.Exists(stray));
    }

    [Fact]
    public async Task Clean_dangling_deletes_expire_data_and_create_tag_run_on_a_plain_table()
    {
        await CreatePlainAsync("--property", "data-expire.field=day", "--property", "data-expire.retention-time=1d", "--property", "data-expire.level=file");

        Assert.Contains("0 position and 0 equality delete files removed", await Ok("table", "clean-dangling-deletes", "db.t"), StringComparison.Ordinal);
        await Ok("table", "append", "db.t", Input("c.csv", "id,day\n3,2021-06-01\n"));
        Assert.Matches("expired before .*: [12] data files", await Ok("table", "expire-data", "db.t"));
        string left = await Ok("table", "scan", "db.t");
        Assert.DoesNotContain("2021-06-01", left, StringComparison.Ordinal);
        Assert.Contains("2999-01-01", left, StringComparison.Ordinal);
        Assert.Matches("^tag release -> snapshot [0-9]+", await Ok("table", "create-tag", "db.t", "release"));
        var again = await CliRunner.RunAsync("table", "create-tag", "db.t", "release", "--warehouse", _warehouse);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("release", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_verb_runs_on_both_stores_of_a_primary_key_table()
    {
        await Ok("table", "create", "db.pk", "--schema", "id long not null, name string", "--primary-key", "id");
        await Ok("table", "upsert", "db.pk", Input("u.csv", "id,name\n1,a\n2,b\n"));

        Assert.Contains("base store: 0 snapshots expired", await Ok("table", "expire-snapshots", "db.pk"), StringComparison.Ordinal);
        string orphans = await Ok("table", "clean-orphans", "db.pk", "--dry-run");
        Assert.Contains("change store:", orphans, StringComparison.Ordinal);
        Assert.Contains("base store:", orphans, StringComparison.Ordinal);
        Assert.Contains("change store: 0 position", await Ok("table", "clean-dangling-deletes", "db.pk"), StringComparison.Ordinal);
        var noField = await CliRunner.RunAsync("table", "expire-data", "db.pk", "--warehouse", _warehouse);
        Assert.Equal(1, noField.ExitCode);
        Assert.Contains("data-expire.field", noField.Error, StringComparison.Ordinal);
    }
}
