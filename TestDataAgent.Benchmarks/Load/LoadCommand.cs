using System.Runtime;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>Parses <c>load &lt;scenario&gt; [options]</c>, starts the in-process Api unless a target is given, and runs the scenario.</summary>
internal static class LoadCommand
{
    /// <summary>The Api's own message limit, so a large unary response is never refused by the client.</summary>
    private const int MaxMessageBytes = 64 * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [("stream" or "unary" or "echo") and var scenario, .. var rest])
        {
            Console.Error.WriteLine("load: the scenario must be 'stream', 'unary' or 'echo'");
            return 2;
        }

        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(scenario, rest);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"load {scenario}: {ex.Message}");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        InProcessApi? server = null;
        try
        {
            if (options.Target is null)
            {
                server = await InProcessApi.StartAsync(options.ServerLogLevel, options.ServerConfiguration, stop.Token);
            }

            var target = options.Target ?? server!.Address;
            Console.WriteLine($"# load {scenario}: target {target} ({(server is null ? "external server" : "in-process Api")}), " +
                $"{Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {ProcessMemory.LoadAverage()}" +
                (scenario is "stream" or "unary" ? $", the client reads data as {options.ClientDecode}" : "") +
                (options.ServerConfiguration.Count > 0 ? $", server config {string.Join(", ", options.ServerConfiguration.Select(kv => $"{kv.Key}={kv.Value}"))}" : ""));

            var channels = Enumerable.Range(0, scenario == "unary" ? options.Channels : 1)
                .Select(_ => GrpcChannel.ForAddress(target, new GrpcChannelOptions { MaxReceiveMessageSize = MaxMessageBytes }))
                .ToList();
            try
            {
                var apiKey = server?.ApiKey ?? options.ApiKey;
                var invokers = channels
                    .Select(c => apiKey is null ? c.CreateCallInvoker() : c.Intercept(m =>
                    {
                        m.Add("x-api-key", apiKey);
                        return m;
                    }))
                    .ToList();
                var clients = invokers.Select(i => new TestDataService.TestDataServiceClient(i)).ToList();
                return scenario == "stream"
                    ? await StreamScenario.RunAsync(clients[0], invokers[0], options, measuresServer: server is not null, stop.Token)
                    : await UnaryScenario.RunAsync(clients, invokers, options, MaxMessageBytes, stop.Token);
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
            {
                // A refused request (an unknown entity, a count above the limit) or an unreachable target.
                Console.Error.WriteLine($"load {scenario}: {ex.StatusCode}: {ex.Status.Detail}");
                return 1;
            }
            finally
            {
                foreach (var channel in channels)
                {
                    channel.Dispose();
                }
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>The request every scenario sends (echo: once, to size its messages).</summary>
    public static GenerateRequest Request(LoadOptions options)
    {
        var request = new GenerateRequest
        {
            RequestId = $"load-{options.Scenario}",
            Entity = options.Entity,
            Count = options.Count,
            OutputFormat = options.Format == "ndjson" ? OutputFormat.Ndjson : OutputFormat.Json,
        };
        if (options.Seed is { } seed)
        {
            request.Seed = seed;
        }

        return request;
    }

    /// <summary>Records in a JSON or NDJSON chunk: every record carries exactly one <c>"_index"</c> key.</summary>
    public static int CountRecords(string data)
    {
        var count = 0;
        var rest = data.AsSpan();
        int at;
        while ((at = rest.IndexOf("\"_index\"", StringComparison.Ordinal)) >= 0)
        {
            count++;
            rest = rest[(at + 8)..];
        }

        return count;
    }
}
