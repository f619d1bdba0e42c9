using System.Data.Common;
using TestDataAgent.Contracts.V1;
using Xunit;

namespace TestDataAgent.Client.Xunit;

/// <summary>
/// An xunit class fixture that seeds a database with one dataset before the test class runs and removes exactly
/// those rows after it (<see cref="IAsyncLifetime"/>). Subclass it with a parameterless constructor, say where the
/// database and the service are and which dataset and seed to write, and take it with <c>IClassFixture&lt;T&gt;</c>:
/// the same seed gives the same rows in every run.
/// </summary>
public abstract class DatasetFixture : IAsyncLifetime
{
    private DbConnection? _connection;
    private TestDataSeeder? _seeder;
    private SeedResult? _result;

    /// <summary>What was written: the run id, the seed and the rows per table.</summary>
    public SeedResult Result => _result ?? throw new InvalidOperationException("The dataset is seeded in InitializeAsync, before the test class runs.");

    /// <summary>The open connection the dataset was written through; tests may query with it.</summary>
    public DbConnection Connection => _connection ?? throw new InvalidOperationException("The connection is opened in InitializeAsync, before the test class runs.");

    /// <summary>The dataset to write: a preset or a graph, and a seed so that every run writes the same rows.</summary>
    protected abstract GenerateDatasetRequest Request { get; }

    /// <summary>How to write it (default: create the tables that do not exist).</summary>
    protected virtual SeedOptions Options => new();

    public async Task InitializeAsync()
    {
        await StartAsync();
        _connection = CreateConnection();
        await _connection.OpenAsync();
        _seeder = CreateSeeder();
        _result = await _seeder.SeedAsync(_connection, Request, Options, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_connection is not null && _seeder is not null && _result is not null)
            {
                await _seeder.CleanupAsync(_connection, _result.RunId, CancellationToken.None);
            }
        }
        finally
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }

            await StopAsync();
        }
    }

    /// <summary>A new, unopened connection to the database under test (e.g. <c>new NpgsqlConnection(connectionString)</c>).</summary>
    protected abstract DbConnection CreateConnection();

    /// <summary>The seeder, over a channel to the service (e.g. <c>new TestDataSeeder(GrpcChannel.ForAddress(…))</c>).</summary>
    protected abstract TestDataSeeder CreateSeeder();

    /// <summary>Runs before seeding: start what the fixture owns (a database, the service).</summary>
    protected virtual Task StartAsync() => Task.CompletedTask;

    /// <summary>Runs after clean-up: stop what <see cref="StartAsync"/> started.</summary>
    protected virtual Task StopAsync() => Task.CompletedTask;
}
