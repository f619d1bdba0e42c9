using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TestDataAgent.Client;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Benchmarks.Seeding;

/// <summary>
/// The <c>ecommerce_core</c> preset (5,000 customers, 500 products: about 100,000 rows in 8 tables) written into a local
/// PostgreSQL: by <see cref="TestDataSeeder"/> (NDJSON parsed and converted, binary <c>COPY</c>, keys recorded for
/// clean-up) beside the plain INSERT baseline (the dataset's own SQL output, one statement a row, executed chunk by
/// chunk in a transaction each). The dataset is made once beforehand, so generation is not timed. Rows/s = the printed
/// row count ÷ the mean. Needs <c>TDA_SEED_POSTGRES</c>, a connection string to a database it may empty (docs/seeding.md).
/// Run: <c>dotnet run -c Release --project TestDataAgent.Benchmarks -- bench --filter '*SeedingBenchmarks*'</c>.
/// </summary>
[Config(typeof(InProcessMonitoring))]
public class SeedingBenchmarks
{
    private ReplayedDataset _dataset = null!;
    private string _connectionString = null!;

    [GlobalSetup]
    public void Setup()
    {
        _connectionString = Environment.GetEnvironmentVariable("TDA_SEED_POSTGRES")
            ?? throw new InvalidOperationException("Set TDA_SEED_POSTGRES to a connection string of a PostgreSQL database the benchmark may empty (docs/seeding.md).");
        _dataset = ReplayedDataset.MakeAsync(customers: 5_000, products: 500).GetAwaiter().GetResult();
        Console.WriteLine($"// ecommerce_core: {_dataset.TotalRows} rows per operation");
    }

    [IterationSetup]
    public void EmptyDatabase()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
        command.ExecuteNonQuery();
    }

    [Benchmark]
    public async Task<long> SeederBinaryCopy()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        var seeder = new TestDataSeeder(_dataset, TimeProvider.System, NullLogger.Instance);
        var result = await seeder.SeedAsync(connection, new GenerateDatasetRequest { Preset = "ecommerce_core" }, new SeedOptions(), CancellationToken.None);
        return result.TotalRows;
    }

    /// <summary>
    /// In process: the database does the waiting, so the process boundary buys nothing, and building the out-of-process
    /// boilerplate (this project references the Api) outlasts BenchmarkDotNet's 2-minute build timeout on a busy machine.
    /// </summary>
    private sealed class InProcessMonitoring : ManualConfig
    {
        public InProcessMonitoring() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    }

    [Benchmark(Baseline = true)]
    public async Task<long> PlainInsertStatements()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using (var ddl = new NpgsqlCommand(_dataset.Ddl, connection))
        {
            await ddl.ExecuteNonQueryAsync();
        }

        foreach (var inserts in _dataset.SqlInserts)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand(inserts, connection, transaction);
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        return _dataset.TotalRows;
    }
}
