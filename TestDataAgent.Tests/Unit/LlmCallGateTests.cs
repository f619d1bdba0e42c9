using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Llm;

namespace TestDataAgent.Tests.Unit;

public sealed class LlmCallGateTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ASlotHeldAcrossProvidersIsTakenOnceAndGivenBackOnce()
    {
        using var gate = new LlmCallGate(Options.Create(new LlmOptions { MaxConcurrentCalls = 2 }));

        using (var slot = gate.Open())
        {
            await slot.AcquireAsync(CancellationToken.None);
            await slot.AcquireAsync(CancellationToken.None);
            Assert.Equal(1, gate.InFlight);
        }

        Assert.Equal(0, gate.InFlight);
    }

    [Fact]
    public async Task ACallWaitsForAFreeSlotAndGetsItWhenOneIsGivenBack()
    {
        using var gate = new LlmCallGate(Options.Create(new LlmOptions { MaxConcurrentCalls = 1 }));
        var first = gate.Open();
        await first.AcquireAsync(CancellationToken.None);
        using var second = gate.Open();

        var waiting = second.AcquireAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        first.Dispose();

        await waiting.WaitAsync(s_timeout);
        Assert.Equal(1, gate.InFlight);
    }

    [Fact]
    public async Task ACallThatFindsNoFreeSlotInTimeGivesUpNamingTheSetting()
    {
        using var gate = new LlmCallGate(Options.Create(new LlmOptions { MaxConcurrentCalls = 1, TotalTimeoutSeconds = 1 }));
        using var holder = gate.Open();
        await holder.AcquireAsync(CancellationToken.None);
        using var late = gate.Open();

        var error = await Assert.ThrowsAsync<LlmCallGateTimeoutException>(() => late.AcquireAsync(CancellationToken.None).WaitAsync(s_timeout));

        Assert.Contains("Llm:MaxConcurrentCalls", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, gate.InFlight);
    }
}
