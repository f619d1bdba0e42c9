using System.Text;
using Grpc.Core;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Cli;

/// <summary>
/// Records streamed by <c>GenerateDataStream</c> from one or more services, slice <c>k</c> from endpoint
/// <c>k mod endpoints</c>. With several slices (the partitions of one run) all calls are started at once, so every
/// service works while the first slice is written, and they are read in order: a slice not yet read waits under HTTP/2
/// flow control, so memory stays bounded and the bytes are the whole run's.
/// </summary>
internal sealed class ServerChunks(IReadOnlyList<Uri> endpoints, IReadOnlyList<GenerateRequest> slices, CallOptions options) : IChunkSource
{
    public async Task<string?> StreamAsync(Func<ReadOnlyMemory<byte>, Task> write, CancellationToken cancellationToken)
    {
        var channels = endpoints.Select(ServerOptions.Channel).ToList();
        var started = new List<AsyncServerStreamingCall<DataChunk>>();
        try
        {
            for (var k = 0; k < slices.Count; k++)
            {
                started.Add(ServerOptions.Client(channels[k % channels.Count]).GenerateDataStream(slices[k], options));
            }

            foreach (var call in started)
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
            }

            return null;
        }
        finally
        {
            started.ForEach(call => call.Dispose());
            channels.ForEach(channel => channel.Dispose());
        }
    }
}
