namespace Floe.PrimaryKeys.Writing;

/// <summary>
/// Orders the change commits made through one <see cref="PrimaryKeyTable"/> so that a writer can encode its transaction
/// while the previous one commits. A writer created while another commit is under way predicts the transaction id
/// after that commit's and commits only once it has finished (landed or failed); without this it would predict the
/// same id, and one of the two would have to rewrite its files.
/// </summary>
internal sealed class CommitSequence
{
    private readonly Lock _lock = new();
    private long _latestTransactionId;
    private Task _latest = Task.CompletedTask;

    /// <summary>The id a new writer predicts and the commit it must wait for (completed when none is under way).</summary>
    public (long TransactionId, Task Predecessor) Predict(long lastSequenceNumber)
    {
        lock (_lock)
        {
            return _latest.IsCompleted
                ? (lastSequenceNumber + 1, Task.CompletedTask)
                : (Math.Max(lastSequenceNumber, _latestTransactionId) + 1, _latest);
        }
    }

    /// <summary>Records a commit that starts now with <paramref name="transactionId"/>; it ends when <paramref name="completion"/> does.</summary>
    public void Begin(long transactionId, Task completion)
    {
        lock (_lock)
        {
            if (_latest.IsCompleted || transactionId >= _latestTransactionId)
            {
                _latestTransactionId = transactionId;
                _latest = completion;
            }
        }
    }
}
