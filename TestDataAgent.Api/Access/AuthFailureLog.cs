namespace TestDataAgent.Api.Access;

/// <summary>
/// Logs refused credentials without letting a caller flood the log: at most one line per
/// <see cref="Interval"/>, which counts the refusals it stood for.
/// </summary>
internal sealed partial class AuthFailureLog(TimeProvider time, ILogger<AuthFailureLog> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private long _nextLogTicks;
    private int _suppressed;

    public void Refused(string what, HttpContext context)
    {
        var now = time.GetUtcNow().UtcTicks;
        int suppressed;
        lock (_gate)
        {
            if (now < _nextLogTicks)
            {
                _suppressed++;
                return;
            }

            suppressed = _suppressed;
            _suppressed = 0;
            _nextLogTicks = now + Interval.Ticks;
        }

        LogRefused(what, context.Request.Path.Value ?? "", context.Connection.RemoteIpAddress?.ToString() ?? "unknown", suppressed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {What} on {Path} from {Address} ({Suppressed} more refusals since the last line)")]
    private partial void LogRefused(string what, string path, string address, int suppressed);
}
