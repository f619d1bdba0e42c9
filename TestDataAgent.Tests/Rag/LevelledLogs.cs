using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TestDataAgent.Tests.Rag;

/// <summary>Keeps what a component logged, with the level, so a test can see that an error was reported.</summary>
internal sealed class LevelledLogs : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyCollection<(LogLevel Level, string Message)> Entries => _entries;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, formatter(state, exception)));
}
