using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// The traditional path's stream, made in batches of consecutive indexes on several cores and sent in index order.
/// Each record depends only on (seed, index), so a batch is made, blanked, validated, scored and written by whichever
/// worker takes it, and the chunks are the same bytes whatever the number of workers. At most two batches per worker are
/// in flight, so memory stays flat however long the stream; batches run on <see cref="BatchScheduler"/>'s threads, and a
/// finished batch is sent as soon as those before it are. When the stream ends (finished, failed or cancelled) every
/// worker has stopped.
/// </summary>
internal sealed class BatchedStream(
    GenerationRequest request,
    TraditionalGenerator generator,
    RecordValidator validator,
    CoherenceScorer scorer,
    GenerationOptions limits)
{
    // The first batch is small so the caller sees data within milliseconds.
    public const int FirstBatchRecords = 50;

    private const int CancellationCheckEvery = 64;

    private readonly ConcurrentBag<TraditionalSession> _sessions = [];
    private readonly RecordBlanks? _blanks = RecordBlanks.For(request);

    /// <summary>The request's chunks in order; each batch's records are added to <paramref name="tally"/> as its chunks are sent.</summary>
    public async IAsyncEnumerable<Utf8Chunk> ChunksAsync(RecordTally tally, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var workers = limits.StreamWorkers > 0 ? limits.StreamWorkers : Environment.ProcessorCount;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = new Queue<Task<Batch>>();
        using var batches = Batches().GetEnumerator();
        try
        {
            var more = true;
            while (true)
            {
                // Keep the look-ahead full, but send what is already made (the first batch, above all) before queueing more.
                while (more && pending.Count < workers * 2 && (pending.Count == 0 || !pending.Peek().IsCompleted) && (more = batches.MoveNext()))
                {
                    var (first, end) = batches.Current;
                    var token = stop.Token;
                    pending.Enqueue(workers == 1
                        ? Task.FromResult(Make(first, end, token))
                        : BatchScheduler.Run(() => Make(first, end, token), token));
                }

                if (pending.Count == 0)
                {
                    break;
                }

                var done = await pending.Dequeue().ConfigureAwait(false);
                tally.Merge(done.Tally);
                foreach (var chunk in done.Chunks)
                {
                    yield return chunk;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            // Whatever ended the stream, no worker outlives it; the chunks never sent give their arrays back.
            await ((Task)Task.WhenAll(pending)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var unsent in pending)
            {
                if (unsent.IsCompletedSuccessfully)
                {
                    unsent.Result.Chunks.ForEach(chunk => chunk.Dispose());
                }
            }
        }
    }

    private IEnumerable<(long First, long End)> Batches()
    {
        var first = request.First;
        var size = Math.Min(FirstBatchRecords, limits.ChunkMaxRecords);
        while (first < request.End)
        {
            var end = Math.Min(request.End, first + size);
            yield return (first, end);
            first = end;
            size = limits.ChunkMaxRecords;
        }
    }

    private Batch Make(long first, long end, CancellationToken cancellationToken)
    {
        using var activity = TestDataTracing.Source.StartActivity("batch");
        activity?.SetTag("testdata.first_index", first);
        activity?.SetTag("testdata.records", end - first);
        var session = _sessions.TryTake(out var idle) ? idle : generator.Begin(request, cancellationToken);
        // Each record is written before the next is made, so its structure is reused.
        session.RecyclesRecords = true;
        using var formatter = ChunkFormatter.Create(request.Format, request.Schema, first == request.First && request.PartitionIndex == 0, limits.ChunkMaxBytes, neutraliseFormulas: !request.Hints.Contains(HintNames.RawCsv), dialect: request.SqlDialect);
        var tally = new RecordTally(request.Schema, validator, scorer, offset: first - request.First);
        var chunks = new List<Utf8Chunk>(1);
        foreach (var (index, scenario) in TraditionalGenerator.Layout(request, first, end))
        {
            if (index % CancellationCheckEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var record = session.Make(index, scenario);
            _blanks?.Apply(record);
            tally.Add(record);
            formatter.Add(record);
            if (formatter.ByteCount >= limits.ChunkMaxBytes)
            {
                chunks.Add(formatter.CompleteUtf8());
            }
        }

        if (formatter.RecordCount > 0)
        {
            chunks.Add(formatter.CompleteUtf8());
        }

        _sessions.Add(session);
        return new Batch(chunks, tally);
    }

    private sealed record Batch(List<Utf8Chunk> Chunks, RecordTally Tally);
}
