using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Cli;

/// <summary>
/// Records streamed by <c>GenerateDataStream</c> from one or more services. Several slices (the partitions of one run)
/// go round-robin over the endpoints, each endpoint making its slices one after another and all endpoints at once. Slice
/// 0 is written as it comes; a later slice is read as fast as its service sends it (a stream left unread is ended by the
/// service's <c>Transport:StalledReaderTimeoutSeconds</c>) into a <see cref="SliceSpool"/> and written in its turn, so
/// the output is the whole run's bytes in order and memory stays at a few chunks.
/// </summary>
internal sealed class ServerChunks(IReadOnlyList<Uri> endpoints, IReadOnlyList<GenerateRequest> slices, CallOptions options) : IChunkSource
{
    public async Task<string?> StreamAsync(Func<ReadOnlyMemory<byte>, Task> write, CancellationToken cancellationToken)
    {
        var channels = endpoints.Select(ServerOptions.Channel).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var callOptions = options.WithCancellationToken(stop.Token);
        var spools = slices.Select(_ => new TaskCompletionSource<(SliceSpool? Spool, string? Failure)>(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var workers = Enumerable.Range(0, Math.Min(channels.Count, slices.Count))
            .Select(e => Task.Run(() => RunEndpointAsync(e, channels, callOptions, write, spools, stop.Token), CancellationToken.None))
            .ToList();
        try
        {
            for (var k = 0; k < slices.Count; k++)
            {
                var (spool, failure) = await spools[k].Task;
                if (failure is not null)
                {
                    return failure;
                }

                if (spool is not null)
                {
                    await using (spool)
                    {
                        await spool.ReplayAsync(write, stop.Token);
                    }
                }
            }

            return null;
        }
        finally
        {
            // On a failure the slices still running are cancelled (a worker never throws); their spools are deleted as they end.
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            foreach (var pending in spools.Where(s => s.Task.IsCompletedSuccessfully && s.Task.Result.Spool is not null))
            {
                await pending.Task.Result.Spool!.DisposeAsync();
            }

            channels.ForEach(channel => channel.Dispose());
        }
    }

    private async Task RunEndpointAsync(int endpoint, List<GrpcChannel> channels, CallOptions callOptions, Func<ReadOnlyMemory<byte>, Task> write,
        List<TaskCompletionSource<(SliceSpool? Spool, string? Failure)>> spools, CancellationToken cancellationToken)
    {
        var client = ServerOptions.Client(channels[endpoint]);
        for (var k = endpoint; k < slices.Count; k += channels.Count)
        {
            SliceSpool? spool = k == 0 ? null : new SliceSpool();
            try
            {
                using var call = client.GenerateDataStream(slices[k], callOptions);
                var failure = await ReadAsync(call, spool is null ? write : data => spool.AppendAsync(data, cancellationToken), cancellationToken);
                spools[k].SetResult((spool, failure));
            }
            catch (Exception ex)
            {
                if (spool is not null)
                {
                    await spool.DisposeAsync();
                }

                spools[k].TrySetException(ex);
                for (var rest = k + channels.Count; rest < slices.Count; rest += channels.Count)
                {
                    spools[rest].TrySetCanceled(cancellationToken);
                }

                return;
            }
        }
    }

    private static async Task<string?> ReadAsync(AsyncServerStreamingCall<DataChunk> call, Func<ReadOnlyMemory<byte>, Task> write, CancellationToken cancellationToken)
    {
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (!chunk.IsFinal)
            {
                await write(Encoding.UTF8.GetBytes(chunk.Data));
            }
            else if (chunk.Data.Length > 0)
            {
                return EmbeddedChunks.ErrorOf(chunk.Data);
            }
        }

        return null;
    }
}
