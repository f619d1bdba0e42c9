using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Access;

/// <summary>
/// Who may call, over real sockets, gRPC and JSON alike: with anonymous access off (as outside Development), a call
/// without a key or with a wrong one is UNAUTHENTICATED / 401, a key without the method's scope PERMISSION_DENIED / 403,
/// the right key is served; health and metrics answer everyone.
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string GenerateKey = "tda_generate_only_key";
    private const string AdminKey = "tda_admin_key";

    private ApiHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ApiHost.Start(AccessKeys.Settings(allowAnonymous: false,
            ("ci", GenerateKey, ["generate"]),
            ("ops", AdminKey, ["admin"])));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GrpcCallWithoutAKeyIsUnauthenticated()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => _host.Client.GenerateDataAsync(Generate(), deadline: Deadlines.Call()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("x-api-key", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrpcCallWithAWrongKeyIsUnauthenticated()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Client.GenerateDataAsync(Generate(), AccessKeys.Key("not-a-configured-key"), Deadlines.Call()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task GrpcCallWithTheRightKeyIsServed()
    {
        var response = await _host.Client.GenerateDataAsync(Generate(), AccessKeys.Key(GenerateKey), Deadlines.Call());

        Assert.True(response.Success, response.Error);
        Assert.Equal(3, response.RecordCount);
    }

    [Fact]
    public async Task StreamWithoutAKeyIsUnauthenticatedAndWithTheKeyStreams()
    {
        using var anonymous = _host.Client.GenerateDataStream(Generate(), deadline: Deadlines.Call());
        var refused = await Assert.ThrowsAsync<RpcException>(() => anonymous.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        using var keyed = _host.Client.GenerateDataStream(Generate(), AccessKeys.Key(GenerateKey), Deadlines.Call());
        var chunks = 0;
        while (await keyed.ResponseStream.MoveNext())
        {
            chunks++;
        }

        Assert.True(chunks >= 2, "the stream sent its records and its final chunk");
    }

    [Fact]
    public async Task KeyWithoutTheMethodsScopeIsPermissionDenied()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Client.ValidateDataAsync(new ValidateDataRequest { Entity = "user", Data = "[]" }, AccessKeys.Key(GenerateKey), Deadlines.Call()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("validate", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminScopeIncludesEveryOtherScope()
    {
        var validated = await _host.Client.ValidateDataAsync(new ValidateDataRequest { Entity = "user", Data = "[]" }, AccessKeys.Key(AdminKey), Deadlines.Call());
        var generated = await _host.Client.GenerateDataAsync(Generate(), AccessKeys.Key(AdminKey), Deadlines.Call());

        Assert.NotNull(validated);
        Assert.True(generated.Success, generated.Error);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-configured-key", HttpStatusCode.Unauthorized)]
    [InlineData(GenerateKey, HttpStatusCode.OK)]
    public async Task JsonGenerateAnswersByCredential(string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/generate") { Content = JsonContent.Create(new { entity = "user", count = 2, seed = 1 }) };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.Contains("error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task JsonValidateWithoutTheScopeIsForbidden()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/validate") { Content = JsonContent.Create(new { entity = "user", data = "[]" }) };
        request.Headers.Add("x-api-key", GenerateKey);

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/alive")]
    [InlineData("/metrics")]
    [InlineData("/v1/health")]
    public async Task HealthAndMetricsAnswerWithoutACredential(string path)
    {
        using var response = await _host.Http.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task GrpcHealthAnswersWithoutACredential()
    {
        var health = await new Grpc.Health.V1.Health.HealthClient(_host.Channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: Deadlines.Call());
        var ours = await _host.Client.HealthCheckAsync(new HealthCheckRequest(), deadline: Deadlines.Call());

        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.NotNull(ours);
    }

    [Fact]
    public async Task SchemasNeedACredential()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => _host.Client.GetSchemasAsync(new GetSchemasRequest(), deadline: Deadlines.Call()).ResponseAsync);
        var listed = await _host.Client.GetSchemasAsync(new GetSchemasRequest(), AccessKeys.Key(GenerateKey), Deadlines.Call());

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.NotEmpty(listed.Schemas);
    }

    private static GenerateRequest Generate() => new() { Entity = "user", Count = 3, Seed = 7 };
}
