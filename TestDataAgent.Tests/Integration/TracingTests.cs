using System.Collections.Concurrent;
using System.Diagnostics;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

[Collection(ApiGroup.Name)]
public sealed class TracingTests(ApiFixture api)
{
    [Fact]
    public async Task ARequestIsOneTraceWithValidationRoutingAndGenerationSpans()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = Listen(stopped);

        await api.Client.GenerateDataAsync(new GenerateRequest { RequestId = "trace-me", Entity = "review", Count = 4 }, deadline: Deadlines.Call());

        var root = await WaitFor(stopped, a => a.OperationName == "GenerateData" && (string?)a.GetTagItem("request_id") == "trace-me");
        var children = stopped.Where(a => a.TraceId == root.TraceId && a.ParentSpanId == root.SpanId).ToDictionary(a => a.OperationName);
        Assert.Contains("validate", children.Keys);
        Assert.Equal("llm", children["route"].GetTagItem("testdata.requested_path"));
        Assert.Equal("traditional", children["route"].GetTagItem("testdata.path"));
        Assert.Equal("review", children["generate"].GetTagItem("testdata.entity"));
        Assert.Equal(4, children["generate"].GetTagItem("testdata.record_count"));
    }

    [Fact]
    public async Task ACachedRequestKeepsItsGenerationUnderTheCacheSpan()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = Listen(stopped);

        await api.Client.GenerateDataAsync(new GenerateRequest { RequestId = "trace-cache", Entity = "cart", Count = 3, UseCache = true, Seed = 77 }, deadline: Deadlines.Call());

        var root = await WaitFor(stopped, a => a.OperationName == "GenerateData" && (string?)a.GetTagItem("request_id") == "trace-cache");
        var cache = stopped.Single(a => a.TraceId == root.TraceId && a.OperationName == "cache");
        Assert.Equal(root.SpanId, cache.ParentSpanId);
        Assert.Equal(cache.SpanId, stopped.Single(a => a.TraceId == root.TraceId && a.OperationName == "generate").ParentSpanId);
    }

    /// <summary>Collects every stopped span of the service's source until disposed.</summary>
    private static ActivityListener Listen(ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "TestDataAgent",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static async Task<Activity> WaitFor(ConcurrentQueue<Activity> stopped, Func<Activity, bool> match)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (stopped.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The request's span never stopped.");
    }
}
