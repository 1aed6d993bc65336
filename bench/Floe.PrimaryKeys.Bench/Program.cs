// Modes: upsert [total rows] [keys] [batch rows] (FLOE_BENCH_SKIP_READ=1 skips reading the result back); merge-on-read [keys] [upserts per change commit]; repeated-query [keys] [pending commits] [keys per commit] [repeats] [rounds] [keys per round]; fresh-query [keys] [rounds] [commits per round] [keys per commit] [commits pending]
string mode = args.Length > 0 ? args[0] : "upsert";
string[] rest = args.Length > 0 ? args[1..] : [];
switch (mode)
{
    case "upsert":
        await UpsertBench.RunAsync(rest);
        break;
    case "merge-on-read":
        await MergeOnReadBench.RunAsync(rest);
        break;
    case "repeated-query":
        await RepeatedQueryBench.RunAsync(rest);
        break;
    case "fresh-query":
        await FreshQueryBench.RunAsync(rest);
        break;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'; modes: upsert, merge-on-read, repeated-query, fresh-query");
        return 2;
}

return 0;
