using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TestDataAgent.Client;

namespace TestDataAgent.Hosting;

/// <summary>
/// Seeds and cleans up one <see cref="TestDataSeedResource"/>: waits for the service's gRPC endpoint to be healthy,
/// opens the database from its connection string (<c>Host=</c> or <c>Server=</c>: PostgreSQL; <c>Data Source=</c>:
/// SQLite), runs <see cref="TestDataSeeder"/> in create-tables mode and reports progress and result as the resource's
/// state, properties and log.
/// </summary>
internal sealed partial class TestDataSeedRunner
{
    private readonly TestDataSeedResource _resource;
    private readonly ResourceNotificationService _notifications;
    private readonly ILogger _log;

    public TestDataSeedRunner(TestDataSeedResource resource, IServiceProvider services)
    {
        _resource = resource;
        _notifications = services.GetRequiredService<ResourceNotificationService>();
        _log = services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
    }

    /// <summary>Cleans up the run this resource made (if any), then seeds a new one.</summary>
    public async Task<SeedResult> SeedAsync(CancellationToken ct)
    {
        await _resource.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await PublishAsync($"Waiting for {_resource.TestData.Name}", KnownResourceStateStyles.Info, []).ConfigureAwait(false);
            await _notifications.WaitForResourceHealthyAsync(_resource.TestData.Name, ct).ConfigureAwait(false);
            await using var connection = await OpenAsync(ct).ConfigureAwait(false);
            using var channel = GrpcChannel.ForAddress(_resource.TestData.GetEndpoint(TestDataAgentBuilderExtensions.GrpcEndpointName).Url);
            var seeder = new TestDataSeeder(channel);
            if (_resource.CurrentRunId is { } previous)
            {
                await CleanupAsync(seeder, connection, previous, ct).ConfigureAwait(false);
            }

            await PublishAsync(TestDataSeedResource.SeedingState, KnownResourceStateStyles.Info, []).ConfigureAwait(false);
            LogSeeding(_log, _resource.Request.Preset, _resource.Parent.Name);
            var options = new SeedOptions { Mode = SeedMode.CreateTables, Progress = new Reporter(this) };
            var result = await seeder.SeedAsync(connection, _resource.Request.Clone(), options, ct).ConfigureAwait(false);
            _resource.CurrentRunId = result.RunId;
            foreach (var (table, rows) in result.RowsPerTable)
            {
                LogTableSeeded(_log, table, rows);
            }

            LogSeeded(_log, result.RunId, result.TotalRows, result.RowsPerTable.Count, result.Seed);
            var properties = result.RowsPerTable.Select(t => new ResourcePropertySnapshot($"testdata.rows.{t.Key}", t.Value))
                .Prepend(new ResourcePropertySnapshot("testdata.seed", result.Seed))
                .Prepend(new ResourcePropertySnapshot("testdata.rows", result.TotalRows))
                .Prepend(new ResourcePropertySnapshot("testdata.run", result.RunId));
            await PublishAsync(TestDataSeedResource.SeededState, KnownResourceStateStyles.Success, properties).ConfigureAwait(false);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await FailAsync(ex, "seeding").ConfigureAwait(false);
            throw;
        }
        finally
        {
            _resource.Gate.Release();
        }
    }

    /// <summary>Deletes the rows of the run this resource made; returns the rows deleted (0 when there is no run).</summary>
    public async Task<long> CleanupAsync(CancellationToken ct)
    {
        await _resource.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_resource.CurrentRunId is not { } runId)
            {
                LogNothingToClean(_log);
                return 0;
            }

            await using var connection = await OpenAsync(ct).ConfigureAwait(false);
            using var channel = GrpcChannel.ForAddress(_resource.TestData.GetEndpoint(TestDataAgentBuilderExtensions.GrpcEndpointName).Url);
            var deleted = await CleanupAsync(new TestDataSeeder(channel), connection, runId, ct).ConfigureAwait(false);
            await PublishAsync(TestDataSeedResource.CleanedUpState, KnownResourceStateStyles.Info, []).ConfigureAwait(false);
            return deleted;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await FailAsync(ex, "clean-up").ConfigureAwait(false);
            throw;
        }
        finally
        {
            _resource.Gate.Release();
        }
    }

    /// <summary>
    /// A connection for the database's connection string, without pooling: the seeder's connections end with the
    /// seed, and a pooled idle connection would hold up a PostgreSQL's smart shutdown when the AppHost stops.
    /// </summary>
    internal static DbConnection CreateConnection(string connectionString)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (keys.ContainsKey("Host") || keys.ContainsKey("Server"))
        {
            return new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        }

        if (keys.ContainsKey("Data Source") || keys.ContainsKey("DataSource") || keys.ContainsKey("Filename"))
        {
            return new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        }

        throw new InvalidOperationException(
            "The database's connection string has neither Host= (PostgreSQL, through Npgsql) nor Data Source= (SQLite): the seeder cannot tell which database it is.");
    }

    private async Task<long> CleanupAsync(TestDataSeeder seeder, DbConnection connection, string runId, CancellationToken ct)
    {
        var deleted = await seeder.CleanupAsync(connection, runId, ct).ConfigureAwait(false);
        _resource.CurrentRunId = null;
        var rows = deleted.Values.Sum();
        LogCleaned(_log, runId, rows, deleted.Count);
        return rows;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connectionString = await _resource.Parent.GetConnectionStringAsync(ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The database resource '{_resource.Parent.Name}' has no connection string.");
        var connection = CreateConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task FailAsync(Exception error, string what)
    {
        LogFailed(_log, error, what, _resource.Parent.Name);
        await PublishAsync(TestDataSeedResource.FailedState, KnownResourceStateStyles.Error,
            [new ResourcePropertySnapshot("testdata.error", $"{what}: {error.Message}")]).ConfigureAwait(false);
    }

    private Task PublishAsync(string state, string style, IEnumerable<ResourcePropertySnapshot> properties)
    {
        var kept = properties.ToImmutableArray();
        return _notifications.PublishUpdateAsync(_resource, snapshot => snapshot with
        {
            State = new ResourceStateSnapshot(state, style),
            // The request's own properties stay; the last run's are replaced.
            Properties = [.. snapshot.Properties.Where(p => p.Name.StartsWith("testdata.request.", StringComparison.Ordinal)), .. kept],
        });
    }

    private void Report(SeedProgress progress)
    {
        LogProgress(_log, progress.Table, progress.TableRows, progress.TotalRows);
        // Reported between batches, on the seeding call's own flow: publishing completes before the next batch starts.
        PublishAsync($"{TestDataSeedResource.SeedingState}: {progress.TotalRows.ToString("N0", CultureInfo.InvariantCulture)} rows",
            KnownResourceStateStyles.Info, []).GetAwaiter().GetResult();
    }

    private sealed class Reporter(TestDataSeedRunner runner) : IProgress<SeedProgress>
    {
        public void Report(SeedProgress value) => runner.Report(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding {Preset} into {Database}")]
    private static partial void LogSeeding(ILogger logger, string preset, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Table}: {TableRows} rows written ({TotalRows} in all)")]
    private static partial void LogProgress(ILogger logger, string table, long tableRows, long totalRows);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Table}: {Rows} rows")]
    private static partial void LogTableSeeded(ILogger logger, string table, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded run {RunId}: {Rows} rows in {Tables} tables (seed {Seed})")]
    private static partial void LogSeeded(ILogger logger, string runId, long rows, int tables, long seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleaned up run {RunId}: {Rows} rows deleted from {Tables} tables")]
    private static partial void LogCleaned(ILogger logger, string runId, long rows, int tables);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nothing to clean up: no run seeded by this resource")]
    private static partial void LogNothingToClean(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Test data {What} for {Database} failed")]
    private static partial void LogFailed(ILogger logger, Exception error, string what, string database);
}
