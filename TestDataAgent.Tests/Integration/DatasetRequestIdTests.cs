using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// <c>GenerateDataset</c> and <c>ValidateDataset</c> hold <c>request_id</c> to the rule <c>GenerateData</c> keeps
/// (<c>Generation:MaxRequestIdLength</c>, 128), over gRPC and their JSON routes: the error names the field, the rule and the setting.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class DatasetRequestIdTests(ApiFixture api)
{
    private static readonly string s_tooLong = new('r', 129);

    [Fact]
    public async Task GenerateDatasetRefusesARequestIdOverTheLimitOverGrpc()
    {
        using var call = api.Client.GenerateDataset(Dataset(s_tooLong), deadline: Deadlines.Call());

        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        AssertNamesTheRule(refused.Status.Detail);
    }

    [Fact]
    public async Task ValidateDatasetRefusesARequestIdOverTheLimitOverGrpc()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await api.Client.ValidateDatasetAsync(Check(s_tooLong), deadline: Deadlines.Call()));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        AssertNamesTheRule(refused.Status.Detail);
    }

    [Theory]
    [InlineData("/v1/datasets")]
    [InlineData("/v1/datasets/validate")]
    public async Task TheJsonRoutesRefuseARequestIdOverTheLimit(string route)
    {
        using var response = await api.Http.PostAsJsonAsync(route, new { requestId = s_tooLong, preset = "ecommerce_core", tables = new[] { new { name = "customers", count = 1 } } });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertNamesTheRule(body);
    }

    [Fact]
    public async Task ARequestIdAtTheLimitIsServedByBoth()
    {
        var id = new string('r', 128);

        using var call = api.Client.GenerateDataset(Dataset(id), deadline: Deadlines.Call());
        Assert.True(await call.ResponseStream.MoveNext());
        var check = await api.Client.ValidateDatasetAsync(Check(id), deadline: Deadlines.Call());

        Assert.Equal(id, call.ResponseStream.Current.RequestId);
        Assert.Equal(0, check.OrphanCount);
    }

    private static void AssertNamesTheRule(string error)
    {
        Assert.Contains("request_id", error, StringComparison.Ordinal);
        Assert.Contains("129 characters", error, StringComparison.Ordinal);
        Assert.Contains("Generation:MaxRequestIdLength", error, StringComparison.Ordinal);
    }

    private static GenerateDatasetRequest Dataset(string requestId)
    {
        var request = new GenerateDatasetRequest { RequestId = requestId, Preset = "ecommerce_core", Seed = 3 };
        request.Tables.Add(new DatasetTable { Name = "customers", Count = 1 });
        return request;
    }

    private static ValidateDatasetRequest Check(string requestId) => new() { RequestId = requestId, Preset = "ecommerce_core" };
}
