namespace Floe.Optimizing.Evaluation;

/// <summary>One partition that needs optimizing: its evaluator (counts), the type and the reason.</summary>
public sealed record PendingPartition(PartitionEvaluator Evaluator, OptimizingType Type, string Reason)
{
    public long Weight => Evaluator.Weight(Type);
}
