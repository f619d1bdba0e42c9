using Microsoft.Extensions.Logging;

namespace TestDataAgent.Client;

public sealed partial class TestDataSeeder
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded run {RunId}: {Dataset}, {Rows} rows in {Tables} tables (seed {Seed})")]
    private static partial void LogSeeded(ILogger logger, string runId, string dataset, long rows, int tables, long seed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeding run {RunId} failed; removing the rows it had written")]
    private static partial void LogSeedFailed(ILogger logger, Exception error, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A failed seed could not add back the {Count} foreign keys it had left until after loading; the tables it created lack them")]
    private static partial void LogForeignKeysNotRestored(ILogger logger, Exception error, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleaned up run {RunId}: {Rows} rows deleted from {Tables} tables")]
    private static partial void LogCleaned(ILogger logger, string runId, long rows, int tables);
}
