using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Access;

/// <summary>Anonymous access: off by default outside Development, on where configured; a wrong key is refused even then.</summary>
public sealed class AnonymousAccessTests
{
    [Fact]
    public async Task OutsideDevelopmentOnlyHealthAndMetricsAnswerWithoutACredential()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(), allowAnonymous: false);

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 1 }, deadline: Deadlines.Call()).ResponseAsync);
        using var schemas = await api.Http.GetAsync("/v1/schemas");
        using var locales = await api.Http.GetAsync("/v1/locales");
        using var health = await api.Http.GetAsync("/health");
        using var metrics = await api.Http.GetAsync("/metrics");

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, schemas.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, locales.StatusCode);
        Assert.True(health.IsSuccessStatusCode);
        Assert.True(metrics.IsSuccessStatusCode);
    }

    [Fact]
    public async Task AnonymousCallersAreServedWhereAllowedButAWrongKeyIsNot()
    {
        await using var api = ApiHost.Start(AccessKeys.Settings(allowAnonymous: true, ("ci", "right-key", ["generate"])));

        var anonymous = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 2 }, deadline: Deadlines.Call());
        var wrong = await Assert.ThrowsAsync<RpcException>(() =>
            api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 2 }, AccessKeys.Key("wrong-key"), Deadlines.Call()).ResponseAsync);

        Assert.True(anonymous.Success, anonymous.Error);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
    }

    [Fact]
    public async Task AnonymousCallersGetOnlyTheirConfiguredScopes()
    {
        var settings = AccessKeys.Settings(allowAnonymous: true);
        settings["Auth:Anonymous:Scopes:0"] = "generate";
        await using var api = ApiHost.Start(settings);

        var generated = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 1 }, deadline: Deadlines.Call());
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            api.Client.RecordPatternsAsync(new RecordPatternsRequest { Entity = "user", Data = "[]" }, deadline: Deadlines.Call()).ResponseAsync);

        Assert.True(generated.Success, generated.Error);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }
}
