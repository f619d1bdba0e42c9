namespace TestDataAgent.Api.Infrastructure.Redis;

/// <summary>Says once, at start, that the service runs without Redis.</summary>
internal sealed partial class RedisNotConfiguredNotice(ILogger<RedisNotConfiguredNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogNotConfigured();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is not configured (ConnectionStrings:redis is empty); the service runs without a cache")]
    private partial void LogNotConfigured();
}
