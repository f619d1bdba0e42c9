using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;
using TestDataAgent.Tests.StandIns;

namespace TestDataAgent.Tests.Access;

/// <summary>JWT bearer tokens from an identity provider (a stand-in OIDC authority on loopback): scopes from the token's scope claim.</summary>
public sealed class JwtAccessTests : IAsyncLifetime
{
    private const string Audience = "testdata";

    private OidcStandIn _authority = null!;
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _authority = await OidcStandIn.StartAsync();
        var settings = AccessKeys.Settings(allowAnonymous: false);
        settings["Auth:Jwt:Authority"] = _authority.Authority;
        settings["Auth:Jwt:Audience"] = Audience;
        settings["Auth:Jwt:RequireHttpsMetadata"] = "false";
        _host = ApiHost.Start(settings);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task TokenWithTheScopeIsServed()
    {
        var response = await _host.Client.GenerateDataAsync(Generate(), Bearer(_authority.Token("team-a", "generate validate", Audience)), Deadlines.Call());

        Assert.True(response.Success, response.Error);
    }

    [Fact]
    public async Task TokenWithoutTheScopeIsPermissionDenied()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Client.GenerateDataAsync(Generate(), Bearer(_authority.Token("team-b", "validate", Audience)), Deadlines.Call()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task TokenSignedByAnotherKeyIsUnauthenticated()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Client.GenerateDataAsync(Generate(), Bearer(_authority.Token("team-a", "generate", Audience, foreignKey: true)), Deadlines.Call()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task TokenForAnotherAudienceIsUnauthenticated()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Client.GenerateDataAsync(Generate(), Bearer(_authority.Token("team-a", "generate", "another-api")), Deadlines.Call()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    private static GenerateRequest Generate() => new() { Entity = "user", Count = 2, Seed = 3 };
}
