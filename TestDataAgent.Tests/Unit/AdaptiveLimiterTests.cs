using TestDataAgent.Generators.Llm;

using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

public sealed class AdaptiveLimiterTests
{
    [Fact]
    public async Task ThrottlingHalvesTheLimitAndCallsWithoutThrottlingGrowItBack()
    {
        var throttle = new LlmThrottle();
        var limiter = new AdaptiveLimiter(8, throttle);
        Assert.Equal(8, limiter.Limit);

        await limiter.WaitAsync(CancellationToken.None);
        throttle.Throttled();
        limiter.Release();
        Assert.Equal(4, limiter.Limit);

        await limiter.WaitAsync(CancellationToken.None);
        throttle.Throttled();
        limiter.Release();
        Assert.Equal(2, limiter.Limit);

        for (var i = 0; i < 10; i++)
        {
            await limiter.WaitAsync(CancellationToken.None);
            limiter.Release();
        }

        Assert.Equal(8, limiter.Limit);
    }

    [Fact]
    public async Task NoMoreCallsThanTheLimitRunAtOnce()
    {
        var limiter = new AdaptiveLimiter(2, new LlmThrottle());
        await limiter.WaitAsync(CancellationToken.None);
        await limiter.WaitAsync(CancellationToken.None);

        var third = limiter.WaitAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        limiter.Release();
        await third.WaitAsync(Deadlines.Hang);
    }

    [Fact]
    public async Task AWaiterThatGivesUpIsCancelledAndLeavesItsPlace()
    {
        var limiter = new AdaptiveLimiter(1, new LlmThrottle());
        await limiter.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var gaveUp = limiter.WaitAsync(cancel.Token);
        var next = limiter.WaitAsync(CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp.WaitAsync(Deadlines.Hang));
        limiter.Release();
        await next.WaitAsync(Deadlines.Hang);
    }
}
