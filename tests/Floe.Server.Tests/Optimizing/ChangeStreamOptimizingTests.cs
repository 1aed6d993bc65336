using System.Diagnostics;
using Floe.Catalog;
using Floe.Common.Columnar;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;
using Floe.Server.Configuration;
using Floe.Table.Data.Columns;
using Floe.Table.Scanning;

namespace Floe.Server.Tests.Optimizing;

/// <summary>
/// A writer upserts into a primary-key table continuously while the server's embedded optimizer runs: the minor
/// triggers by pending change files and by pending change bytes keep the change files after the optimized point bounded.
/// </summary>
public sealed class ChangeStreamOptimizingTests
{
    private const int Commits = 30;

    private static readonly TableIdentifier Id = TableIdentifier.Of("db", "users");

    private static readonly Schema Schema = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
    ]);

    private static readonly OptimizingOptions Embedded = OptimizingServer.FastOptions with { LocalThreads = 1, RefreshIntervalMs = 200 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pending_change_files_stay_under_the_file_count_trigger_plus_one_commit()
    {
        const int fileCount = 12;
        ChangeStream stream = await ChangeStream.StartAsync(new Dictionary<string, string>
        {
            [SelfOptimizingProperties.MinorTriggerFileCount.Key] = $"{fileCount}",
        });
        await using (stream)
        {
            // The first transaction goes to all 4 change buckets (8 files); the small ones after it to the root (2 files).
            int maxFiles = await stream.RunAsync(rowsPerCommit: 50, settled: p => p.Files < fileCount, measure: p => p.Files);
            Assert.InRange(maxFiles, 2, fileCount - 1 + 8);
        }
    }

    [Fact]
    public async Task Pending_change_bytes_stay_under_the_bytes_trigger_plus_one_commit_when_files_are_few()
    {
        const long changeBytes = 200_000;
        ChangeStream stream = await ChangeStream.StartAsync(new Dictionary<string, string>
        {
            [SelfOptimizingProperties.MinorTriggerFileCount.Key] = "1000",
            [SelfOptimizingProperties.MinorTriggerChangeBytes.Key] = $"{changeBytes}",
        });
        await using (stream)
        {
            long largestCommit = 0;
            long maxBytes = await stream.RunAsync(rowsPerCommit: 2_000, settled: p => p.Bytes < changeBytes, measure: p =>
            {
                largestCommit = Math.Max(largestCommit, p.LastCommitBytes);
                return p.Bytes;
            });
            Assert.InRange(maxBytes, 1, changeBytes + largestCommit);
            Assert.InRange(stream.MaxFiles, 1, 1000);
        }
    }

    /// <summary>Change files after the optimized point: their count, bytes and the bytes of the last transaction's files.</summary>
    private readonly record struct Pending(int Files, long Bytes, long LastCommitBytes);

    private sealed class ChangeStream : IAsyncDisposable
    {
        private readonly OptimizingServer _server;
        private readonly ICatalog _catalog;
        private readonly SortedDictionary<long, string> _model = [];
        private readonly Random _random = new(7);

        private ChangeStream(OptimizingServer server, ICatalog catalog)
        {
            _server = server;
            _catalog = catalog;
        }

        public int MaxFiles { get; private set; }

        public static async Task<ChangeStream> StartAsync(Dictionary<string, string> properties)
        {
            OptimizingServer server = await OptimizingServer.StartAsync(Embedded);
            ICatalog catalog = await server.Server.Catalogs.GetAsync("default", Ct);
            await catalog.CreateNamespaceAsync(Id.Namespace, Ct);
            properties[SelfOptimizingProperties.MinPlanInterval.Key] = "200";
            properties[SelfOptimizingProperties.MinorTriggerInterval.Key] = "-1"; // only the triggers under test
            await catalog.CreatePrimaryKeyTableAsync(Id, Schema, ["id"], null, properties, Ct);
            return new ChangeStream(server, catalog);
        }

        /// <summary>
        /// Commits small upserts; after each the writer waits until optimizing has brought the pending change files back
        /// under the trigger (<paramref name="settled"/>), so the bound holds however loaded the machine is and a trigger
        /// that does not fire fails the wait. Returns the largest <paramref name="measure"/> seen after a commit.
        /// </summary>
        public async Task<T> RunAsync<T>(int rowsPerCommit, Func<Pending, bool> settled, Func<Pending, T> measure)
            where T : IComparable<T>
        {
            T max = default!;
            for (int commit = 0; commit < Commits; commit++)
            {
                await UpsertAsync(rowsPerCommit);
                Pending after = await PendingAsync();
                MaxFiles = Math.Max(MaxFiles, after.Files);
                T seen = measure(after);
                max = commit == 0 || seen.CompareTo(max) > 0 ? seen : max;
                await WaitUntilAsync(settled, TimeSpan.FromSeconds(90));
            }

            Assert.Equal(_model.Select(p => (p.Key, (string?)p.Value)), await ReadAsync());
            ProcessCounts processes = await ProcessesAsync();
            Assert.True(processes.Succeeded > 0, "the stream was never optimized");
            Assert.Equal(0, processes.Failed);
            return max;
        }

        public async ValueTask DisposeAsync() => await _server.DisposeAsync();

        private async Task UpsertAsync(int rows)
        {
            var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(Schema), rows);
            using (batch)
            {
                var ids = (PrimitiveVector<long>)batch.Column(0);
                var names = (BinaryVector)batch.Column(1);
                var keys = new HashSet<long>();
                while (keys.Count < rows)
                {
                    keys.Add(_random.NextInt64(20_000));
                }

                foreach (long key in keys)
                {
                    string name = $"name-{key}-{_random.Next(1_000_000)}";
                    ids.Append(key);
                    names.Append(name);
                    _model[key] = name;
                }

                PrimaryKeyTable table = await _catalog.LoadPrimaryKeyTableAsync(Id, Ct);
                await using var writer = table.NewChangeWriter();
                await writer.UpsertAsync(batch, Ct);
                await writer.CommitAsync(Ct);
            }
        }

        private async Task<Pending> PendingAsync()
        {
            PrimaryKeyTable table = await _catalog.LoadPrimaryKeyTableAsync(Id, Ct);
            long optimized = OptimizedSequence.Of(table.BaseTable.Metadata, table.BaseTable.Metadata.CurrentSnapshot).Of("");
            long last = table.ChangeTable.Metadata.LastSequenceNumber;
            if (table.ChangeTable.Metadata.CurrentSnapshot is null)
            {
                return default;
            }

            int files = 0;
            long bytes = 0;
            long lastBytes = 0;
            foreach (FileScanTask task in await new TableScan(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io).PlanFilesAsync(Ct))
            {
                long transaction = PrimaryKeyFiles.OfChangeFile(task.File.FilePath, task.DataSequenceNumber).TransactionId;
                if (transaction > optimized)
                {
                    files++;
                    bytes += task.File.FileSizeInBytes;
                    lastBytes += transaction == last ? task.File.FileSizeInBytes : 0;
                }
            }

            return new Pending(files, bytes, lastBytes);
        }

        private async Task WaitUntilAsync(Func<Pending, bool> settled, TimeSpan bound)
        {
            var clock = Stopwatch.StartNew();
            Pending pending;
            while (!settled(pending = await PendingAsync()))
            {
                if (clock.Elapsed > bound)
                {
                    Assert.Fail($"Optimizing left {pending.Files} change files ({pending.Bytes} bytes) pending for {bound.TotalSeconds:N0} s while the writer waited.");
                }

                await Task.Delay(50, Ct);
            }
        }

        private async Task<List<(long, string?)>> ReadAsync()
        {
            PrimaryKeyTable table = await _catalog.LoadPrimaryKeyTableAsync(Id, Ct);
            var rows = new List<(long, string?)>();
            await foreach (ColumnBatch batch in table.NewScan().ReadAsync(Ct))
            {
                using (batch)
                {
                    for (int row = 0; row < batch.RowCount; row++)
                    {
                        rows.Add(((long)batch.Column("id").GetValue(row)!, (string?)batch.Column("name").GetValue(row)));
                    }
                }
            }

            rows.Sort((a, b) => a.Item1.CompareTo(b.Item1));
            return rows;
        }

        private async Task<ProcessCounts> ProcessesAsync()
        {
            var (_, body) = await _server.CallAsync(HttpMethod.Get, "/api/floe/v1/optimizing/processes?limit=1000");
            var statuses = body.GetProperty("processes").EnumerateArray().Select(p => p.GetProperty("status").GetString()).ToList();
            return new ProcessCounts(statuses.Count(s => s == "success"), statuses.Count(s => s == "failed"));
        }
    }

    private readonly record struct ProcessCounts(int Succeeded, int Failed);
}
