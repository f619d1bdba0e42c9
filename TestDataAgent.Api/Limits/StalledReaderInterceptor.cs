using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace TestDataAgent.Api.Limits;

/// <summary>
/// Ends a server stream whose client stopped reading: a write still blocked after
/// <see cref="TransportOptions.StalledReaderTimeoutSeconds"/> resets the HTTP/2 stream with <c>ENHANCE_YOUR_CALM</c>
/// (the client sees <c>RESOURCE_EXHAUSTED</c>), which cancels the call, so the generator stops and the stream's buffers,
/// admission slot and per-caller count are released.
/// </summary>
internal sealed partial class StalledReaderInterceptor(IOptions<TransportOptions> options, TimeProvider time, ILogger<StalledReaderInterceptor> logger) : Interceptor
{
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.StalledReaderTimeoutSeconds);
        return continuation(request, new StalledReaderGuard<TResponse>(responseStream, context, timeout, time, () => LogStalled(context.Method, timeout.TotalSeconds)), context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ended stream {Method}: its client read nothing for {Seconds} s (Transport:StalledReaderTimeoutSeconds)")]
    private partial void LogStalled(string method, double seconds);
}
