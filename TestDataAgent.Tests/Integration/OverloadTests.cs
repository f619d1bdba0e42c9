extern alias ApiAssembly;

using System.Net;
using System.Net.Http.Json;
using ApiAssembly::TestDataAgent.Api.Limits;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// Admission control over real sockets, with small limits: expensive work beyond the slots and the queue, a full heap, and
/// a caller's open streams are shed with <c>RESOURCE_EXHAUSTED</c> (HTTP 429) and a retry hint, and a normal small
/// request is served right after. A slot is held by a stream whose reader waits.
/// </summary>
public sealed class OverloadTests
{
    // A stream large enough to run for the whole test while nobody reads it.
    private static readonly GenerateRequest s_longStream = new() { Entity = "order", Count = 1_000_000, Seed = 1 };

    // Expensive under ExpensiveRecordThreshold = 100, and quick.
    private static readonly GenerateRequest s_expensive = new() { Entity = "user", Count = 200, Seed = 2 };

    private static readonly GenerateRequest s_small = new() { Entity = "user", Count = 5, Seed = 3 };

    [Fact]
    public async Task BeyondItsSlotsExpensiveWorkIsShedWithARetryHintAndASmallCallIsServed()
    {
        await using var api = Start(new() { ["Admission:MaxConcurrentExpensive"] = "1", ["Admission:QueueLength"] = "0", ["Admission:RetryAfterSeconds"] = "3" });
        using var holder = await OpenStreamAsync(api);

        var shed = await Assert.ThrowsAsync<RpcException>(async () => await api.Client.GenerateDataAsync(s_expensive, deadline: Deadlines.Call()));
        var validate = await Assert.ThrowsAsync<RpcException>(async () => await api.Client.ValidateDataAsync(new ValidateDataRequest { Entity = "user", Data = "[]" }, deadline: Deadlines.Call()));
        using var json = await api.Http.PostAsJsonAsync(new Uri("/v1/generate", UriKind.Relative), new { entity = "user", count = 200 });
        var small = await api.Client.GenerateDataAsync(s_small, deadline: Deadlines.Call());
        using var smallJson = await api.Http.PostAsJsonAsync(new Uri("/v1/generate", UriKind.Relative), new { entity = "user", count = 5 });

        Assert.Equal(StatusCode.ResourceExhausted, shed.StatusCode);
        Assert.Contains("Admission:MaxConcurrentExpensive", shed.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("3", shed.Trailers.GetValue("retry-after"));
        Assert.Equal("3000", shed.Trailers.GetValue("grpc-retry-pushback-ms"));
        Assert.Equal(StatusCode.ResourceExhausted, validate.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, json.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), json.Headers.RetryAfter?.Delta);
        Assert.Contains("Admission:MaxConcurrentExpensive", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(small.Success, small.Error);
        Assert.Equal(HttpStatusCode.OK, smallJson.StatusCode);

        // The slot comes back when the stream ends.
        holder.Dispose();
        Assert.True(await EventuallyAsync(() => IsServedAsync(api, s_expensive)), "the slot never came back");
    }

    [Fact]
    public async Task AQueuedCallIsServedWhenASlotFrees()
    {
        await using var api = Start(new() { ["Admission:MaxConcurrentExpensive"] = "1", ["Admission:QueueLength"] = "1" });
        var holder = await OpenStreamAsync(api);
        var admission = api.Services.GetRequiredService<AdmissionControl>();

        var queued = api.Client.GenerateDataAsync(s_expensive, deadline: Deadlines.Call()).ResponseAsync;
        Assert.True(await EventuallyAsync(() => Task.FromResult(admission.QueuedSlots == 1)), "the call never queued");
        var overflow = await Assert.ThrowsAsync<RpcException>(async () => await api.Client.GenerateDataAsync(s_expensive, deadline: Deadlines.Call()));
        holder.Dispose();

        Assert.True((await queued).Success);
        Assert.Equal(StatusCode.ResourceExhausted, overflow.StatusCode);
        Assert.Contains("Admission:QueueLength", overflow.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallThatWaitsLongerThanTheQueueAllowsIsShed()
    {
        await using var api = Start(new() { ["Admission:MaxConcurrentExpensive"] = "1", ["Admission:QueueLength"] = "4", ["Admission:MaxQueueWaitMilliseconds"] = "300" });
        using var holder = await OpenStreamAsync(api);

        var shed = await Assert.ThrowsAsync<RpcException>(async () => await api.Client.GenerateDataAsync(s_expensive, deadline: Deadlines.Call()));
        var small = await api.Client.GenerateDataAsync(s_small, deadline: Deadlines.Call());

        Assert.Equal(StatusCode.ResourceExhausted, shed.StatusCode);
        Assert.Contains("Admission:MaxQueueWaitMilliseconds", shed.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(shed.Trailers.GetValue("retry-after"));
        Assert.True(small.Success, small.Error);
    }

    [Fact]
    public async Task OverTheHeapLimitExpensiveWorkIsShedAndASmallCallIsServed()
    {
        // Any heap is over 0%.
        await using var api = Start(new() { ["Admission:MaxHeapLoadPercent"] = "0" });

        var shed = await Assert.ThrowsAsync<RpcException>(async () => await api.Client.GenerateDataAsync(s_expensive, deadline: Deadlines.Call()));
        var stream = await Assert.ThrowsAsync<RpcException>(async () => await OpenStreamAsync(api));
        var small = await api.Client.GenerateDataAsync(s_small, deadline: Deadlines.Call());

        Assert.Equal(StatusCode.ResourceExhausted, shed.StatusCode);
        Assert.Contains("Admission:MaxHeapLoadPercent", shed.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.ResourceExhausted, stream.StatusCode);
        Assert.True(small.Success, small.Error);
    }

    [Fact]
    public async Task ACallersStreamsBeyondItsCapAreShedUntilOneEnds()
    {
        await using var api = Start(new() { ["Admission:MaxStreamsPerCaller"] = "2", ["Admission:MaxConcurrentExpensive"] = "8" });
        var first = await OpenStreamAsync(api);
        using var second = await OpenStreamAsync(api);

        var third = await Assert.ThrowsAsync<RpcException>(async () => await OpenStreamAsync(api));
        var small = await api.Client.GenerateDataAsync(s_small, deadline: Deadlines.Call());
        first.Dispose();

        Assert.Equal(StatusCode.ResourceExhausted, third.StatusCode);
        Assert.Contains("Admission:MaxStreamsPerCaller", third.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(third.Trailers.GetValue("retry-after"));
        Assert.True(small.Success, small.Error);
        Assert.True(await EventuallyAsync(() => CanOpenStreamAsync(api)), "the caller's stream count never came down");
    }

    [Fact]
    public async Task AStreamWhoseReaderStallsIsEndedAfterTheTimeoutAndItsSlotsReleased()
    {
        await using var api = Start(new() { ["Transport:StalledReaderTimeoutSeconds"] = "1", ["Admission:MaxStreamsPerCaller"] = "1", ["Admission:MaxConcurrentExpensive"] = "1" });
        using var stalled = await OpenStreamAsync(api);

        // Nobody reads `stalled` now: once its writes have waited a second, the service ends it and frees the caller's one stream.
        var freed = await EventuallyAsync(() => CanOpenStreamAsync(api));
        var end = await Assert.ThrowsAsync<RpcException>(async () => await ReadToEndAsync(stalled));

        Assert.True(freed, "the stalled stream still held the caller's stream");
        Assert.Equal(StatusCode.ResourceExhausted, end.StatusCode);
    }

    private static ApiHost Start(Dictionary<string, string> settings)
    {
        settings.TryAdd("ConnectionStrings:redis", "");
        settings.TryAdd("Admission:ExpensiveRecordThreshold", "100");
        // Streams that hold a slot are never ended for a slow reader unless the test says so.
        settings.TryAdd("Transport:StalledReaderTimeoutSeconds", "600");
        return ApiHost.Start(settings);
    }

    /// <summary>A stream that has been admitted (its first chunk arrived) and is not read further.</summary>
    private static async Task<AsyncServerStreamingCall<DataChunk>> OpenStreamAsync(ApiHost api)
    {
        var call = api.Client.GenerateDataStream(s_longStream, deadline: Deadlines.Call());
        try
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            return call;
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    private static async Task<bool> IsServedAsync(ApiHost api, GenerateRequest request)
    {
        try
        {
            return (await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call())).Success;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            return false;
        }
    }

    private static async Task<bool> CanOpenStreamAsync(ApiHost api)
    {
        try
        {
            using var call = await OpenStreamAsync(api);
            return true;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            return false;
        }
    }

    private static async Task ReadToEndAsync(AsyncServerStreamingCall<DataChunk> call)
    {
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            Assert.False(call.ResponseStream.Current.IsFinal, "the stalled stream ran to its end");
        }
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

}
