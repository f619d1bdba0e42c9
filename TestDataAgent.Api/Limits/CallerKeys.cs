namespace TestDataAgent.Api.Limits;

/// <summary>The <see cref="CallerKey"/> functions.</summary>
public static class CallerKeys
{
    /// <summary>The remote IP address; calls without one (in-process tests) share one key.</summary>
    public static string RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
