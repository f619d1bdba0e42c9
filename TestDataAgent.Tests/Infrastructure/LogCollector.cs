using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>Keeps the server's log messages so tests can see what it did (for example, that it stopped work).</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new CollectingLogger(_messages);

    public async Task<bool> WaitForAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_messages.Any(predicate))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    public void Dispose()
    {
    }

    private sealed class CollectingLogger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                messages.Enqueue(formatter(state, exception));
            }
        }
    }
}
