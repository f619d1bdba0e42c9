using StackExchange.Redis;

namespace TestDataAgent.Api.Infrastructure.Redis;

/// <summary>
/// The Redis connection, made on a background thread. The Redis client connects synchronously (up to its
/// <c>connectTimeout</c>) the first time it is resolved; resolved inside a request, an unreachable or stalled Redis
/// would hold that request past <c>Cache:RedisTimeoutMilliseconds</c>, since <see cref="RedisGuard"/> bounds only what
/// it can await. Awaited here, the first call is bounded like every other. Connecting starts with the service, so the
/// first request normally finds it made; a connection that failed is tried again on the next call.
/// </summary>
internal sealed class RedisConnection(IServiceProvider services) : IHostedService
{
    private readonly Lock _gate = new();
    private Task<IConnectionMultiplexer>? _connecting;

    public Task<IConnectionMultiplexer> GetAsync()
    {
        lock (_gate)
        {
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = Task.Run(services.GetRequiredService<IConnectionMultiplexer>);
            }

            return _connecting;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = GetAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
