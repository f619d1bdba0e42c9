using Microsoft.Extensions.Options;
using TestDataAgent.Generators;

namespace TestDataAgent.Api.Composition;

/// <summary>
/// Installs the validated <see cref="PatternOptions"/> as the process's <see cref="PatternLimits"/> at start-up, after
/// options validation and before any hosted service (the server among them) starts: patterns are compiled behind static
/// call sites that cannot take options from the container.
/// </summary>
internal sealed class PatternLimitsInstaller(IOptions<PatternOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        PatternLimits.Install(options.Value);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
