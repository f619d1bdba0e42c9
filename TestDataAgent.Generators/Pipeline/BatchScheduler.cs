using System.Collections.Concurrent;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// Runs stream batches on threads of their own, one per core, shared by every stream in the process. A batch is
/// milliseconds of CPU work: on the thread pool, each would sit in the queue ahead of the socket completions and
/// response flushes that carry finished chunks to the caller, so the first chunk (and every chunk after it) waited for
/// whole batches. Here the operating system shares the cores between batch threads and I/O, and the pool stays free for I/O.
/// </summary>
internal sealed class BatchScheduler : TaskScheduler
{
    public static readonly BatchScheduler Instance = new(Environment.ProcessorCount);

    private readonly BlockingCollection<Task> _queue = [];

    private BatchScheduler(int threads)
    {
        for (var i = 0; i < threads; i++)
        {
            new Thread(Run) { IsBackground = true, Name = $"testdata-batch-{i}" }.Start();
        }
    }

    public override int MaximumConcurrencyLevel => Environment.ProcessorCount;

    /// <summary>Starts <paramref name="work"/> on a batch thread.</summary>
    public static Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, Instance);

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Batches are never run inline: the caller is an I/O continuation that should go on.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Run()
    {
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
