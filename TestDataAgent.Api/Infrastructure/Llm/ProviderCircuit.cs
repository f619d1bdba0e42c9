using Polly.CircuitBreaker;

namespace TestDataAgent.Api.Infrastructure.Llm;

/// <summary>
/// One provider's circuit breaker as the callers see it: open while the breaker is open and its break
/// (<c>Llm:CircuitBreakSeconds</c>) has not passed. Polly moves an open circuit to half-open only when a call is
/// attempted, so a provider skipped while it reads open would never be asked again and its circuit would never close.
/// </summary>
internal sealed class ProviderCircuit(TimeProvider time)
{
    private long _blockedUntilTicks;

    /// <summary>The breaker's state, given to its strategy options.</summary>
    public CircuitBreakerStateProvider State { get; } = new();

    /// <summary>Open now: calls would fail fast. False once the break has passed, so the next call tests the provider.</summary>
    public bool IsOpen => State.CircuitState switch
    {
        CircuitState.Isolated => true,
        CircuitState.Open => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _blockedUntilTicks),
        _ => false,
    };

    /// <summary>For <c>OnOpened</c>: when the break ends.</summary>
    public ValueTask OpenedAsync(OnCircuitOpenedArguments<HttpResponseMessage> opened)
    {
        Interlocked.Exchange(ref _blockedUntilTicks, (time.GetUtcNow() + opened.BreakDuration).UtcTicks);
        return ValueTask.CompletedTask;
    }
}
