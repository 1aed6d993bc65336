// Modes: throughput [files] [rows per file] [runs] (default), evaluate [data files], mixed [keys] [commits] [rows per commit].
if (args.Length > 0 && args[0] == "mixed")
{
    await MixedBench.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "evaluate")
{
    await EvaluationBench.RunAsync(args[1..]);
    return;
}

await ThroughputBench.RunAsync(args.Length > 0 && args[0] == "throughput" ? args[1..] : args);
