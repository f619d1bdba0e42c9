using Microsoft.Playwright;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// Debian's chromium (<c>apt-get install chromium</c>; .ci/run installs it) driven by Playwright, headless. Playwright's
/// own browser download cannot work here, so it is pointed at the installed executable (<c>TDA_CHROMIUM</c> overrides
/// the path). <c>--no-sandbox</c>: CI runs the suite as root, where Chromium's sandbox refuses to start.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private ChromiumBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string Executable => Environment.GetEnvironmentVariable("TDA_CHROMIUM") is { Length: > 0 } path ? path : DefaultExecutable;

    public static async Task<ChromiumBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                Args = ["--no-sandbox"],
                Timeout = (float)Deadlines.Hang.TotalMilliseconds,
            });
            return new ChromiumBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh page (its own context, downloads accepted) with every wait bounded by <see cref="Deadlines.Hang"/>.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        context.SetDefaultTimeout((float)Deadlines.Hang.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
