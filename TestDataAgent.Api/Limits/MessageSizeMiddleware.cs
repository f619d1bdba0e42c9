using System.Globalization;
using Microsoft.Extensions.Options;

namespace TestDataAgent.Api.Limits;

/// <summary>
/// Refuses an HTTP (JSON) request whose declared body is over <see cref="TransportOptions.MaxMessageBytes"/> with 413 and
/// a body in the JSON routes' error shape (<c>code</c> 8, RESOURCE_EXHAUSTED) naming the setting, before anything reads
/// it. Without it the JSON transcoder would meet Kestrel's limit while reading and answer 400. gRPC requests are left to
/// gRPC's own check (<c>RESOURCE_EXHAUSTED</c>).
/// </summary>
internal sealed class MessageSizeMiddleware(RequestDelegate next, IOptions<TransportOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxMessageBytes;
        if (context.Request.ContentLength is not { } length || length <= limit || IsGrpc(context.Request))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.Response.WriteAsJsonAsync(new
        {
            code = (int)Grpc.Core.StatusCode.ResourceExhausted,
            message = string.Create(CultureInfo.InvariantCulture, $"The request body is {length} bytes; at most {limit} are accepted (Transport:MaxMessageBytes)"),
            details = Array.Empty<object>(),
        });
    }

    private static bool IsGrpc(HttpRequest request) => request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
