using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators;

namespace TestDataAgent.Cli;

/// <summary>
/// The generation domain composed as the api composes it (<c>AddTestDataGenerators</c>), without Redis, an LLM or a
/// pattern store, and with no log output: stdout carries nothing but data.
/// </summary>
internal static class EmbeddedDomain
{
    public static ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(Options.Create(new GenerationOptions()));
        services.AddTestDataGenerators();
        return services.BuildServiceProvider();
    }
}
