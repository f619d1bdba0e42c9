using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace TestDataAgent.Api.Limits;

/// <summary>A stream writer that gives each write <c>timeout</c> to reach the client, then ends the stream.</summary>
internal sealed class StalledReaderGuard<T>(IServerStreamWriter<T> inner, ServerCallContext context, TimeSpan timeout, TimeProvider time, Action stalled)
    : IServerStreamWriter<T>
{
    // HTTP/2 RST_STREAM code the gRPC spec maps to RESOURCE_EXHAUSTED.
    private const int EnhanceYourCalm = 0xB;

    // How long the call's token may take to see the reset (Kestrel cancels it on the thread pool).
    private static readonly TimeSpan s_abortGrace = TimeSpan.FromSeconds(5);

    private bool _ended;

    public WriteOptions? WriteOptions
    {
        get => inner.WriteOptions;
        set => inner.WriteOptions = value;
    }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        if (_ended)
        {
            throw new OperationCanceledException("The stream was ended: its client stopped reading.", context.CancellationToken);
        }

        var write = inner.WriteAsync(message, cancellationToken);
        try
        {
            await write.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            _ended = true;
            stalled();
            await EndAsync(write);
            throw new OperationCanceledException("The stream was ended: its client stopped reading.", context.CancellationToken);
        }
    }

    private async Task EndAsync(Task pendingWrite)
    {
        var http = context.GetHttpContext();
        if (http.Features.Get<IHttpResetFeature>() is { } reset)
        {
            reset.Reset(EnhanceYourCalm);
        }
        else
        {
            http.Abort();
        }

        // The blocked write fails with the reset; wait for it and for the call's token, so the caller sees a cancelled call.
        await Task.WhenAny(pendingWrite, Task.Delay(s_abortGrace, time));
        await Task.WhenAny(Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken), Task.Delay(s_abortGrace, time));
        _ = pendingWrite.Exception;
    }
}
