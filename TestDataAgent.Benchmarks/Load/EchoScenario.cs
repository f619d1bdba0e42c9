using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using TestDataAgent.Benchmarks.Load.Echo;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>
/// The transport's ceiling, measured like the Api's unary calls (same callers, channels, warm-up and duration) against
/// a bare gRPC service in this process whose request and reply are as large as the Api's.
/// </summary>
internal static class EchoScenario
{
    public static async Task<LoadMeasurement> MeasureAsync(int requestBytes, int replyBytes, LoadOptions options, int maxMessageBytes, CancellationToken cancellationToken)
    {
        await using var server = await EchoServer.StartAsync(replyBytes, maxMessageBytes, cancellationToken);
        var channels = Enumerable.Range(0, options.Channels)
            .Select(_ => GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = maxMessageBytes }))
            .ToList();
        try
        {
            var clients = channels.Select(c => new EchoService.EchoServiceClient(c)).ToList();
            var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[EchoServer.PayloadFor(requestBytes)]) };
            var probe = await clients[0].EchoAsync(request, deadline: DateTime.UtcNow + options.Timeout, cancellationToken: cancellationToken);
            Console.WriteLine($"# echo: {server.Address}, request {request.CalculateSize():N0} bytes, reply {probe.CalculateSize():N0} bytes " +
                $"(the Api's: {requestBytes:N0} and {replyBytes:N0})");
            return await ClosedLoop.MeasureAsync(options, (worker, token) => CallAsync(clients[worker % clients.Count], request, options, token), cancellationToken);
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private static async Task<CallOutcome> CallAsync(EchoService.EchoServiceClient client, EchoRequest request, LoadOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await client.EchoAsync(request, deadline: DateTime.UtcNow + options.Timeout, cancellationToken: cancellationToken);
            return CallOutcome.Success();
        }
        catch (RpcException ex)
        {
            return new CallOutcome($"{ex.StatusCode}: {ex.Status.Detail}");
        }
    }
}
