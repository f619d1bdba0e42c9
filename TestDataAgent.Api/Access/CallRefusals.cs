using System.Globalization;

namespace TestDataAgent.Api.Access;

/// <summary>
/// Writes a refusal the caller's protocol understands: for gRPC a trailers-only response (HTTP 200, <c>grpc-status</c>
/// and <c>grpc-message</c> in the headers) so a client sees <c>UNAUTHENTICATED</c>, <c>PERMISSION_DENIED</c> or
/// <c>RESOURCE_EXHAUSTED</c> rather than a bare HTTP status; otherwise the HTTP status with a JSON <c>error</c>.
/// </summary>
internal static class CallRefusals
{
    public const int Unauthenticated = 16;
    public const int PermissionDenied = 7;
    public const int ResourceExhausted = 8;

    public static bool IsGrpc(HttpContext context) =>
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static Task WriteAsync(HttpContext context, int grpcStatus, int httpStatus, string message, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        if (retryAfter is { } wait)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            response.Headers.RetryAfter = seconds;
            if (IsGrpc(context))
            {
                response.Headers["grpc-retry-pushback-ms"] = ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            }
        }

        if (IsGrpc(context))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = grpcStatus.ToString(CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            return Task.CompletedTask;
        }

        response.StatusCode = httpStatus;
        return response.WriteAsJsonAsync(new RefusalBody(message));
    }

    private sealed record RefusalBody(string Error);
}
