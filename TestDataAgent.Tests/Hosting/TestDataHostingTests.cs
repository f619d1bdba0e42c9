extern alias AppHostAssembly;

using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using TestDataAgent.Hosting;

namespace TestDataAgent.Tests.Hosting;

/// <summary>
/// The AppHost's PostgreSQL on the local-process path (the machine's postgresql packages, no Docker) seeded by
/// <c>WithTestData</c> when it is ready, and the dashboard's <em>Clean up</em> and <em>Reseed</em> commands.
/// </summary>
public sealed class TestDataHostingTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);
    private static readonly string s_seedResource = $"{ResourceNames.Postgres}-testdata";

    [Fact]
    public async Task TheAppHostSeedsItsPostgresOnReadyAndTheCleanUpAndReseedCommandsWork()
    {
        using var cancellation = new CancellationTokenSource(s_timeout);
        var ct = cancellation.Token;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHostAssembly::Projects.TestDataAgent_AppHost>(
            ["AppHost:Redis=local", "AppHost:Postgres=local"], ct);
        var database = builder.Resources.SingleOrDefault(r => r.Name == ResourceNames.Postgres);
        Assert.True(database is not null, "No local PostgreSQL: apt-get install -y postgresql (.ci/run does)");
        await using var app = await builder.BuildAsync(ct);
        await app.StartAsync(ct);

        var seeded = await WaitForSeedAsync(app, ct);
        var connectionString = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync(ResourceNames.Postgres, ct)) { Pooling = false }.ConnectionString;
        var firstRun = Property(seeded, "testdata.run");
        var seededRows = await CountSeededRowsAsync(connectionString, ct);
        var recordedRows = await ScalarAsync(connectionString, "SELECT row_count FROM testdata_runs", ct);
        var customers = await ScalarAsync(connectionString, "SELECT count(*) FROM customers", ct);

        var cleanup = await app.ResourceCommands.ExecuteCommandAsync(s_seedResource, TestDataSeedResource.CleanupCommandName, ct);
        var runsAfterCleanup = await ScalarAsync(connectionString, "SELECT count(*) FROM testdata_runs", ct);
        var customersAfterCleanup = await ScalarAsync(connectionString, "SELECT count(*) FROM customers", ct);
        var ordersAfterCleanup = await ScalarAsync(connectionString, "SELECT count(*) FROM orders", ct);

        var reseed = await app.ResourceCommands.ExecuteCommandAsync(s_seedResource, TestDataSeedResource.ReseedCommandName, ct);
        var reseeded = await WaitForSeedAsync(app, ct);
        var runsAfterReseed = await ScalarAsync(connectionString, "SELECT count(*) FROM testdata_runs", ct);
        var customersAfterReseed = await ScalarAsync(connectionString, "SELECT count(*) FROM customers", ct);

        Assert.True(seededRows > 0, "no rows seeded on ready");
        Assert.Equal(recordedRows, seededRows);
        Assert.Equal(seededRows.ToString(CultureInfo.InvariantCulture), Property(seeded, "testdata.rows"));
        Assert.True(cleanup.Success, cleanup.Message);
        Assert.Equal(0, runsAfterCleanup);
        Assert.Equal(0, customersAfterCleanup);
        Assert.Equal(0, ordersAfterCleanup);
        Assert.True(reseed.Success, reseed.Message);
        Assert.Equal(1, runsAfterReseed);
        // Seed 42 both times: the same rows again, under a new run.
        Assert.Equal(customers, customersAfterReseed);
        Assert.NotEqual(firstRun, Property(reseeded, "testdata.run"));
    }

    private static async Task<CustomResourceSnapshot> WaitForSeedAsync(DistributedApplication app, CancellationToken ct)
    {
        var done = await app.ResourceNotifications.WaitForResourceAsync(s_seedResource,
            // Cleaned up too: a command that ran but did not seed ends there, and the test says so instead of hanging.
            e => e.Snapshot.State?.Text is TestDataSeedResource.SeededState or TestDataSeedResource.FailedState or TestDataSeedResource.CleanedUpState, ct);
        Assert.True(done.Snapshot.State?.Text == TestDataSeedResource.SeededState,
            $"{done.Snapshot.State?.Text}: {Property(done.Snapshot, "testdata.error")}");
        return done.Snapshot;
    }

    private static string? Property(CustomResourceSnapshot snapshot, string name) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value?.ToString();

    /// <summary>The rows now in every table the run recorded keys for.</summary>
    private static async Task<long> CountSeededRowsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT DISTINCT table_name FROM testdata_run_keys", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        long rows = 0;
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            rows += Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
