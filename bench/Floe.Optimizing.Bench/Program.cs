// Modes: throughput [files] [rows per file] [runs] (default), evaluate [data files].
if (args.Length > 0 && args[0] == "evaluate")
{
    await EvaluationBench.RunAsync(args[1..]);
    return;
}

await ThroughputBench.RunAsync(args.Length > 0 && args[0] == "throughput" ? args[1..] : args);
