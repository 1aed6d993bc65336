namespace Floe.Optimizer.Tests;

public sealed class TaskThreadsTests
{
    [Fact]
    public void A_task_takes_the_threads_no_running_task_holds_and_at_least_one()
    {
        var threads = new TaskThreads(4);

        int first = threads.Take();
        int second = threads.Take();
        threads.Return(first);
        int third = threads.Take();

        Assert.Equal((4, 1, 3), (first, second, third));
        Assert.Equal(4, threads.Held);
        threads.Return(second);
        threads.Return(third);
        Assert.Equal(0, threads.Held);
    }

    [Fact]
    public void A_one_thread_optimizer_gives_every_task_one_thread()
    {
        var threads = new TaskThreads(1);

        Assert.Equal((1, 1), (threads.Take(), threads.Take()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaskThreads(0));
    }
}
