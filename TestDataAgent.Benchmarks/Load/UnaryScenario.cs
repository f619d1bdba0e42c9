using System.Globalization;
using Grpc.Core;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>
/// Concurrent <c>GenerateData</c> callers in closed loops for a fixed time (after a warm-up), bounded in calls too:
/// requests/s and latency percentiles; then, in the same run, the same load against a bare gRPC echo service answering
/// as many bytes, so the report gives our req/s as a share of the transport's ceiling on this machine, now.
/// <c>load echo</c> measures the echo alone, sized like the same <c>GenerateData</c> call.
/// </summary>
internal static class UnaryScenario
{
    public static async Task<int> RunAsync(IReadOnlyList<TestDataService.TestDataServiceClient> clients, IReadOnlyList<CallInvoker> invokers, LoadOptions options, int maxMessageBytes,
        CancellationToken cancellationToken)
    {
        var request = LoadCommand.Request(options);

        // One call first: a refused request fails fast with the service's reason instead of 20 s of errors. Its sizes
        // are the echo's.
        var probe = await clients[0].GenerateDataAsync(request, deadline: DateTime.UtcNow + options.Timeout, cancellationToken: cancellationToken);
        if (!probe.Success)
        {
            Console.Error.WriteLine($"the service refused the request: {probe.Error}");
            return 1;
        }

        LoadMeasurement? ours = null;
        if (options.Scenario == "unary")
        {
            ours = options.ClientDecode == "strings"
                ? await ClosedLoop.MeasureAsync(options, (worker, token) => CallAsync(clients[worker % clients.Count], request, options, token), cancellationToken)
                : await ClosedLoop.MeasureAsync(options, (worker, token) => CallAsync(invokers[worker % invokers.Count], request, options, token), cancellationToken);
            ours.Print($"unary (client reads data as {options.ClientDecode})", options, clients.Count, reportsServerTime: true);
        }

        LoadMeasurement? echo = null;
        if (options.Echo)
        {
            Console.WriteLine();
            echo = await EchoScenario.MeasureAsync(request.CalculateSize(), probe.CalculateSize(), options, maxMessageBytes, cancellationToken);
            echo.Print("echo", options, options.Channels, reportsServerTime: false);
        }

        Console.WriteLine();
        Console.WriteLine("| scenario | entity | records/call | reply (bytes) | callers | duration (s) | calls | req/s | records/s | p50 (ms) | p95 (ms) | p99 (ms) | server gen mean (ms) | CPU (ms/call) | GC pause | errors | share of echo req/s |");
        Console.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        var replyBytes = probe.CalculateSize();
        if (ours is not null)
        {
            Console.WriteLine(Row($"unary {options.Format} ({options.ClientDecode})", options.Entity, options.Count.ToString("N0", CultureInfo.InvariantCulture), replyBytes, ours, options,
                echo is null ? "—" : (ours.RequestsPerSecond / echo.RequestsPerSecond).ToString("P1", CultureInfo.InvariantCulture)));
        }

        if (echo is not null)
        {
            Console.WriteLine(Row("echo (bare gRPC)", "—", "—", replyBytes, echo, options, "ceiling"));
        }

        if (ours is not null && echo is not null)
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GenerateData made {ours.RequestsPerSecond:N0} req/s, {ours.RequestsPerSecond / echo.RequestsPerSecond:P1} of the {echo.RequestsPerSecond:N0} req/s " +
                $"a bare gRPC service answered with as many bytes ({replyBytes:N0}) on this machine in this run; p99 {ours.Percentile(99):N2} ms against {echo.Percentile(99):N2} ms."));
        }

        return (ours?.Errors ?? 0) + (echo?.Errors ?? 0) == 0 ? 0 : 1;
    }

    private static async Task<CallOutcome> CallAsync(TestDataService.TestDataServiceClient client, GenerateRequest request, LoadOptions options,
        CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GenerateDataAsync(request, deadline: DateTime.UtcNow + options.Timeout, cancellationToken: cancellationToken);
            if (response.Success && response.RecordCount == request.Count)
            {
                return CallOutcome.Success(response.Metadata.GenerationTimeMs);
            }

            return new CallOutcome(response.Success ? $"{response.RecordCount} records instead of {request.Count}" : response.Error);
        }
        catch (RpcException ex)
        {
            return new CallOutcome($"{ex.StatusCode}: {ex.Status.Detail}");
        }
    }

    private static async Task<CallOutcome> CallAsync(CallInvoker invoker, GenerateRequest request, LoadOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var response = await RawAnswers.Call(invoker, request, new CallOptions(deadline: DateTime.UtcNow + options.Timeout, cancellationToken: cancellationToken));
            if (response.Success && response.RecordCount == request.Count)
            {
                return CallOutcome.Success(response.Metadata.GenerationTimeMs);
            }

            return new CallOutcome(response.Success ? $"{response.RecordCount} records instead of {request.Count}" : response.Error);
        }
        catch (RpcException ex)
        {
            return new CallOutcome($"{ex.StatusCode}: {ex.Status.Detail}");
        }
    }

    private static string Row(string scenario, string entity, string records, int replyBytes, LoadMeasurement m, LoadOptions options, string share) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {scenario} | {entity} | {records} | {replyBytes:N0} | {options.Concurrency} | {m.Elapsed.TotalSeconds:N1} | {m.Calls:N0} | {m.RequestsPerSecond:N0} | " +
            $"{(entity == "—" ? "—" : (m.RequestsPerSecond * options.Count).ToString("N0", CultureInfo.InvariantCulture))} | {m.Percentile(50):N2} | {m.Percentile(95):N2} | " +
            $"{m.Percentile(99):N2} | {(entity == "—" ? "—" : m.ServerMeanMilliseconds.ToString("N2", CultureInfo.InvariantCulture))} | {m.CpuPerCallMilliseconds:N2} | " +
            $"{m.Paused / m.Elapsed:P1} | {m.Errors} | {share} |");
}
