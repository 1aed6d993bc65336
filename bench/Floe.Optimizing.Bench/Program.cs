// Modes: throughput [files] [rows per file] [runs] (default), evaluate [data files],
// mixed [keys] [commits] [rows per commit], continuous [ticks] [seconds per tick] [rows per upsert] [keys] [partition buckets],
// payloads [files] [runs].
switch (args.Length > 0 ? args[0] : "throughput")
{
    case "evaluate":
        await EvaluationBench.RunAsync(args[1..]);
        break;
    case "mixed":
        await PrimaryKeyBench.RunAsync(args[1..]);
        break;
    case "payloads":
        PayloadBench.Run(args[1..]);
        break;
    case "continuous":
        await ContinuousUpsertBench.RunAsync(args[1..]);
        break;
    default:
        await ThroughputBench.RunAsync(args.Length > 0 && args[0] == "throughput" ? args[1..] : args);
        break;
}
