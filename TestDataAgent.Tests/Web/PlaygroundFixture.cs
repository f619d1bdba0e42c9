using Microsoft.Playwright;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Web;

/// <summary>
/// One api (no Redis, no LLM), the playground pointed at it, and headless chromium, shared by the playground's browser
/// tests. Screenshots go to <see cref="ScreenshotDirectory"/>: <c>TestResults/playground/</c> under the test output
/// directory (<c>TestDataAgent.Tests/bin/&lt;configuration&gt;/net10.0/</c>).
/// </summary>
public sealed class PlaygroundFixture : IAsyncLifetime
{
    private ApiHost _api = null!;
    private PlaygroundHost _playground = null!;
    private ChromiumBrowser _browser = null!;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "playground");

    public ApiHost Api => _api;

    public Uri Address => _playground.Address;

    public async Task InitializeAsync()
    {
        _api = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "" });
        _playground = PlaygroundHost.Start(_api.GrpcAddress);
        _browser = await ChromiumBrowser.LaunchAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh page on <paramref name="path"/>, once Blazor's circuit is live (<paramref name="readySelector"/> enabled).</summary>
    public async Task<IPage> OpenAsync(string path, string readySelector)
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(Address, path).ToString());
        // The buttons are disabled while the page is only prerendered: input typed then would be lost.
        await page.Locator($"{readySelector}:enabled").WaitForAsync();
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });

    /// <summary>Sets a bound input as a user does: types the value, then leaves the box (Blazor binds on change).</summary>
    public static async Task SetAsync(IPage page, string selector, string value)
    {
        var input = page.Locator(selector);
        await input.FillAsync(value);
        await input.DispatchEventAsync("change");
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _playground.DisposeAsync();
        await _api.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PlaygroundGroup : ICollectionFixture<PlaygroundFixture>
{
    public const string Name = "playground";
}
