using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Rag;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>
/// Loads the seed corpus in the background at start-up when <c>Rag:SeedOnStartup</c> is set (the default), so start-up
/// never waits for the embedding model. Idempotent; a failure is logged and the service runs on.
/// </summary>
internal sealed partial class PatternSeedingService(PatternLibrary library, IOptions<RagOptions> options, ILogger<PatternSeedingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SeedOnStartup)
        {
            return;
        }

        try
        {
            // Off the start-up path: loading the model and embedding are synchronous CPU work.
            await Task.Run(() => library.SeedAsync(stoppingToken), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the seed finished; the next start completes it.
        }
        catch (Exception ex)
        {
            LogSeedFailed(ex, library.StoreName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeding the {Store} pattern store failed; RAG requests fall back to traditional records until patterns exist")]
    private partial void LogSeedFailed(Exception exception, string store);
}
