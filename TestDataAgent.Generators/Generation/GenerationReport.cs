namespace TestDataAgent.Generators.Generation;

/// <summary>
/// What a generator tells the pipeline about one request while it runs: warnings, LLM tokens and models, the path that
/// really made the records, and where a stream should end a chunk. Safe to use from parallel batches.
/// </summary>
public sealed class GenerationReport
{
    private readonly Lock _gate = new();
    private readonly List<string> _warnings = [];
    private readonly List<string> _models = [];
    private long _tokens;
    private int _flush;

    /// <summary>The path that made the records when it is not the generator's own (everything fell back), else <see langword="null"/>.</summary>
    public GenerationPath? ActualPath { get; private set; }

    public long TokensUsed => Interlocked.Read(ref _tokens);

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_gate)
            {
                return [.. _warnings];
            }
        }
    }

    /// <summary>The models that answered, as <c>provider/model</c>, in the order they first did.</summary>
    public IReadOnlyList<string> Models
    {
        get
        {
            lock (_gate)
            {
                return [.. _models];
            }
        }
    }

    /// <summary>Adds a warning once: the same text from many batches is reported one time.</summary>
    public void Warn(string warning)
    {
        lock (_gate)
        {
            if (!_warnings.Contains(warning))
            {
                _warnings.Add(warning);
            }
        }
    }

    public void AddTokens(long tokens) => Interlocked.Add(ref _tokens, tokens);

    public void UsedModel(string model)
    {
        lock (_gate)
        {
            if (!_models.Contains(model))
            {
                _models.Add(model);
            }
        }
    }

    /// <summary>Says that every record came from <paramref name="path"/> instead of the generator's own path.</summary>
    public void ServedBy(GenerationPath path) => ActualPath = path;

    /// <summary>Asks a stream to send what it has now (a batch is complete), whatever the chunk's size.</summary>
    public void RequestFlush() => Interlocked.Exchange(ref _flush, 1);

    /// <summary>Whether a flush was asked for since the last call.</summary>
    public bool TakeFlush() => Interlocked.Exchange(ref _flush, 0) == 1;
}
