extern alias AppHostAssembly;

using Aspire.Hosting.Testing;

namespace TestDataAgent.Tests.AppHost;

/// <summary>The playground as the AppHost runs it: its own resource, finding the api by service discovery.</summary>
public sealed class PlaygroundResourceTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ThePlaygroundResourceStartsAndShowsTheApisSchemas()
    {
        using var cancellation = new CancellationTokenSource(s_timeout);
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHostAssembly::Projects.TestDataAgent_AppHost>(
            ["AppHost:Redis=local"], cancellation.Token);
        await using var app = await builder.BuildAsync(cancellation.Token);
        await app.StartAsync(cancellation.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Web, cancellation.Token);

        using var http = app.CreateHttpClient(ResourceNames.Web);
        // The Schemas page is rendered on the server before it is interactive: its table comes from the api's GetSchemas.
        var schemas = await http.GetStringAsync(new Uri("/schemas", UriKind.Relative), cancellation.Token);

        Assert.Contains("Fields of order", schemas, StringComparison.Ordinal);
        Assert.Contains("Fields of user", schemas, StringComparison.Ordinal);
    }
}
