namespace Floe.Parquet.Writing.Statistics;

/// <summary>Minimum and maximum of BOOLEAN values (false before true), kept as which of the two were seen.</summary>
internal sealed class BooleanStatistics : StatisticsAccumulator
{
    private bool _sawFalse;
    private bool _sawTrue;

    public override bool HasBounds => _sawFalse || _sawTrue;

    /// <summary>Updates from PLAIN-ready bytes (0 or 1 per value).</summary>
    public void Update(ReadOnlySpan<byte> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        _sawTrue |= values.IndexOfAnyExcept((byte)0) >= 0;
        _sawFalse |= values.IndexOf((byte)0) >= 0;
    }

    public override byte[] MinBytes() => [_sawFalse ? (byte)0 : (byte)1];

    public override byte[] MaxBytes() => [_sawTrue ? (byte)1 : (byte)0];

    public override void Reset()
    {
        base.Reset();
        _sawFalse = false;
        _sawTrue = false;
    }

    protected override void MergeBounds(StatisticsAccumulator other)
    {
        var typed = (BooleanStatistics)other;
        _sawFalse |= typed._sawFalse;
        _sawTrue |= typed._sawTrue;
    }
}
