using Floe.Common.Threading;

namespace Floe.Common.Tests.Threading;

public sealed class ThreadBudgetTests
{
    [Fact]
    public void Only_threads_no_worker_holds_and_none_has_borrowed_are_lent()
    {
        var budget = new ThreadBudget(4);
        budget.Enter();

        int first = budget.Borrow(2);
        int second = budget.Borrow(5);
        budget.Enter();
        int third = budget.Borrow(1);

        Assert.Equal((2, 1, 0), (first, second, third));
        Assert.Equal(5, budget.Busy);
        budget.Return(first);
        Assert.Equal(1, budget.Borrow(3));
        Assert.Equal(4, budget.Busy);
    }

    [Fact]
    public void Threads_given_back_and_workers_ending_free_the_budget_again()
    {
        var budget = new ThreadBudget(2);
        budget.Enter();
        budget.Return(budget.Borrow(2));
        budget.Exit();

        Assert.Equal(0, budget.Busy);
        Assert.Equal(2, budget.PeakBusy);
        Assert.Equal(2, budget.Borrow(2));
    }

    [Fact]
    public void Misuse_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThreadBudget(0));
        var budget = new ThreadBudget(1);
        Assert.Throws<InvalidOperationException>(budget.Exit);
        Assert.Throws<InvalidOperationException>(() => budget.Return(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => budget.Borrow(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => budget.Return(-1));
    }

    [Fact]
    public async Task Workers_borrowing_at_once_never_hold_more_than_the_budget()
    {
        // Both workers run before either borrows: a worker that starts while threads are lent may exceed the budget
        // until they come back, which is not what this checks.
        var budget = new ThreadBudget(4);
        budget.Enter();
        budget.Enter();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                int lent = budget.Borrow(3);
                budget.Return(lent);
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal((4, 2), (budget.PeakBusy, budget.Busy));
    }
}
