using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// The overload row of issue #14, against the Api in its own process with the pod's heap (<c>DOTNET_GCHeapHardLimit</c>,
/// 75% of the 512Mi limit in <c>k8s/</c>): 64 callers each ask, again and again, for as many orders as a unary answer may
/// carry (and, as a second row, just under the 1,000 records that once were free of admission), half over gRPC and half
/// over the JSON route. Every call is answered or shed with <c>RESOURCE_EXHAUSTED</c> (HTTP
/// 429 with <c>Retry-After</c>); none ends <c>UNKNOWN</c>, <c>INTERNAL</c>, HTTP 500 or with an in-band internal error, the
/// process never logs an OutOfMemoryException, and a normal request succeeds afterwards.
/// The load lasts 10 s here; <c>TDA_OVERLOAD_SECONDS=30</c> runs the 30 s (docs/operations.md).
/// </summary>
public sealed class PodHeapOverloadTests(ITestOutputHelper log) : IDisposable
{
    private const string PodHeapHardLimit = "0x18000000";
    private const int Callers = 64;

    private static readonly TimeSpan s_callTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(1);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tda-overload-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(4_500)]
    [InlineData(999)]
    public async Task SixtyFourCallersUnderThePodHeapAreAnsweredOrShedNeverUnknownOrOutOfMemory(int orders)
    {
        var load = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("TDA_OVERLOAD_SECONDS"), CultureInfo.InvariantCulture, out var seconds) ? seconds : 10);
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["DOTNET_GCHeapHardLimit"] = PodHeapHardLimit,
            ["Rag__DataDirectory"] = _directory,
            ["Rag__SeedOnStartup"] = "false",
        });
        var client = api.Client;
        var http = api.Http;
        var output = api.Output;
        var outcomes = new ConcurrentQueue<string>();
        var end = DateTime.UtcNow + load;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(() => caller % 2 == 0
            ? CallUntilAsync(client, caller, orders, end, outcomes)
            : PostUntilAsync(http, caller, orders, end, outcomes))));
        var after = await client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 5, Seed = 1 }, deadline: DateTime.UtcNow.Add(s_callTimeout));

        var summary = string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Key} × {g.Count()}"));
        log.WriteLine($"{Callers} callers × {orders} orders for {load.TotalSeconds} s: {summary}");
        Assert.False(api.HasExited, $"the api exited ({summary})");
        Assert.DoesNotContain(output, line => line.Contains("OutOfMemoryException", StringComparison.Ordinal));
        Assert.All(outcomes, o => Assert.True(o == "ok" || o.StartsWith("RESOURCE_EXHAUSTED (", StringComparison.Ordinal), $"{o} ({summary})"));
        Assert.Contains("ok", outcomes);
        Assert.True(after.Success, after.Error);
    }

    private static async Task CallUntilAsync(TestDataService.TestDataServiceClient client, int caller, int orders, DateTime end, ConcurrentQueue<string> outcomes)
    {
        while (DateTime.UtcNow < end)
        {
            try
            {
                var response = await client.GenerateDataAsync(new GenerateRequest { Entity = "order", Count = orders, Seed = caller }, deadline: DateTime.UtcNow.Add(s_callTimeout));
                outcomes.Enqueue(response.Success ? "ok" : $"in-band error: {response.Error}");
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
            {
                var retryAfter = ex.Trailers.GetValue("retry-after");
                outcomes.Enqueue(retryAfter is null ? "RESOURCE_EXHAUSTED without a retry-after trailer" : Shed(ex.Status.Detail));
                await BackOffAsync(retryAfter, end);
            }
            catch (RpcException ex)
            {
                outcomes.Enqueue($"{ex.StatusCode}: {ex.Status.Detail}");
            }
        }
    }

    private static async Task PostUntilAsync(HttpClient http, int caller, int orders, DateTime end, ConcurrentQueue<string> outcomes)
    {
        while (DateTime.UtcNow < end)
        {
            using var response = await http.PostAsJsonAsync("/v1/generate", new { entity = "order", count = orders, seed = caller });
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(CultureInfo.InvariantCulture);
                outcomes.Enqueue(retryAfter is null ? "HTTP 429 without Retry-After" : Shed(body));
                await BackOffAsync(retryAfter, end);
                continue;
            }

            outcomes.Enqueue(response.IsSuccessStatusCode && JsonDocument.Parse(body).RootElement.GetProperty("success").GetBoolean()
                ? "ok"
                : $"HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        }
    }

    // Which bound shed the call, by the setting its message names.
    private static string Shed(string message) =>
        message.Contains("Admission:MaxHeapLoadPercent", StringComparison.Ordinal) ? "RESOURCE_EXHAUSTED (memory)"
        : message.Contains("Admission:MaxQueueWaitMilliseconds", StringComparison.Ordinal) ? "RESOURCE_EXHAUSTED (queue wait)"
        : message.Contains("Admission:QueueLength", StringComparison.Ordinal) ? "RESOURCE_EXHAUSTED (busy)"
        : $"RESOURCE_EXHAUSTED naming no admission setting: {message}";

    // As a well-behaved client: wait as long as the service asks, within what is left of the run.
    private static Task BackOffAsync(string? retryAfterSeconds, DateTime end)
    {
        var wait = int.TryParse(retryAfterSeconds, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(1);
        var left = end - DateTime.UtcNow;
        return Task.Delay(left < wait ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : wait);
    }
}
