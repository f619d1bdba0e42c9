using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// Caller text echoed into an error is cut (a megabyte entity never becomes a megabyte error or log line), and
/// <c>request_id</c> has a length limit (<c>Generation:MaxRequestIdLength</c>), over gRPC with real sockets.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class EchoLimitTests(ApiFixture api)
{
    private const int ShortError = 1024;

    private static readonly string s_hugeName = new('x', 1_000_000);

    [Fact]
    public async Task AMegabyteEntityNameGivesAShortUnaryErrorThatStillNamesTheField()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { RequestId = "huge", Entity = s_hugeName, Count = 1 }, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.StartsWith("entity '", response.Error, StringComparison.Ordinal);
        Assert.Contains("1000000 characters", response.Error, StringComparison.Ordinal);
        Assert.True(response.Error.Length < ShortError, $"the error is {response.Error.Length} characters");
    }

    [Fact]
    public async Task AMegabyteEntityNameGivesAStreamAShortInvalidArgumentDetail()
    {
        using var call = api.Client.GenerateDataStream(new GenerateRequest { Entity = s_hugeName, Count = 1 }, deadline: Deadlines.Call());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("entity '", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(error.Status.Detail.Length < ShortError, $"the detail is {error.Status.Detail.Length} characters");
    }

    [Fact]
    public async Task AMegabyteEntityNameGivesValidateDataAShortInvalidArgumentDetail()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => api.Client.ValidateDataAsync(
            new ValidateDataRequest { Entity = s_hugeName, Data = "[{}]", Format = OutputFormat.Json }, deadline: Deadlines.Call()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("entity '", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(error.Status.Detail.Length < ShortError, $"the detail is {error.Status.Detail.Length} characters");
    }

    [Fact]
    public async Task ARequestIdOverTheLimitIsRefusedNamingTheSetting()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { RequestId = new string('r', 129), Entity = "cart", Count = 1 }, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("request_id", response.Error, StringComparison.Ordinal);
        Assert.Contains("Generation:MaxRequestIdLength", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestIdAtTheLimitIsServed()
    {
        var id = new string('r', 128);

        var response = await api.Client.GenerateDataAsync(new GenerateRequest { RequestId = id, Entity = "cart", Count = 1 }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal(id, response.RequestId);
    }
}
