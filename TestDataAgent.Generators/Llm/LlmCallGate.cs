using Microsoft.Extensions.Options;

namespace TestDataAgent.Generators.Llm;

/// <summary>
/// The one limit on model calls in flight in the whole service (<c>Llm:MaxConcurrentCalls</c>), shared by every request,
/// pool refill and provider: each request's own limit (<c>Llm:MaxConcurrency</c>) bounds its fan-out, this bounds the sum.
/// A replayed answer takes no slot; a call that waited <c>Llm:TotalTimeoutSeconds</c> for one gives up.
/// </summary>
public sealed class LlmCallGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public LlmCallGate(IOptions<LlmOptions> options)
    {
        var settings = options.Value;
        Capacity = settings.MaxConcurrentCalls;
        MaxWait = TimeSpan.FromSeconds(settings.TotalTimeoutSeconds);
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    /// <summary>How many calls may be in flight at once.</summary>
    public int Capacity { get; }

    /// <summary>How many calls are in flight now.</summary>
    public int InFlight => Capacity - _slots.CurrentCount;

    /// <summary>The longest a call waits for a slot.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>A claim on a slot for one ask: taken when a provider is really called, kept across providers, given back on dispose.</summary>
    internal LlmCallSlot Open() => new(this);

    internal async Task<bool> TryTakeAsync(CancellationToken cancellationToken) => await _slots.WaitAsync(MaxWait, cancellationToken);

    internal void Give() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
