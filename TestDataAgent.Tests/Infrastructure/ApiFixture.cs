using Grpc.Net.Client;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// One Api shared by the tests of the <see cref="ApiGroup"/> collection (they run one after another), with no Redis
/// and no LLM. A test that needs its own settings, or to read only its own log messages, starts its own <see cref="ApiHost"/>.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private ApiHost _host = null!;

    public GrpcChannel Channel => _host.Channel;

    public Uri GrpcAddress => _host.GrpcAddress;

    public TestDataService.TestDataServiceClient Client => _host.Client;

    public HttpClient Http => _host.Http;

    public IServiceProvider Services => _host.Services;

    /// <summary>Waits until the background seeding of the embedded pattern store has finished (its log line), bounded.</summary>
    public async Task WaitForSeededPatternsAsync() =>
        Assert.True(await _host.Logs.WaitForAsync(m => m.StartsWith("Seeded ", StringComparison.Ordinal) && m.Contains("pattern(s)", StringComparison.Ordinal), Deadlines.SlowStartHang),
            "the pattern store was not seeded in time");

    public Task InitializeAsync()
    {
        _host = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ApiGroup : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
