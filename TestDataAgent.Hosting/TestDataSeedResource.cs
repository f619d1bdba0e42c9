using Aspire.Hosting.ApplicationModel;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Hosting;

/// <summary>
/// The dataset seeded into a database resource, shown on the dashboard under the database: its state (waiting,
/// seeding with the rows so far, seeded, cleaned up, failed), the run's id and rows per table as properties, the
/// seeder's log, and the <em>Reseed</em> and <em>Clean up</em> commands.
/// </summary>
public sealed class TestDataSeedResource(string name, IResourceWithConnectionString database, IResourceWithEndpoints testData,
    GenerateDatasetRequest request) : Resource(name), IResourceWithParent<IResourceWithConnectionString>
{
    public const string ResourceType = "TestData";
    public const string ReseedCommandName = "testdata-reseed";
    public const string CleanupCommandName = "testdata-cleanup";

    /// <summary>The states this resource shows.</summary>
    public const string WaitingState = "Waiting";
    public const string SeedingState = "Seeding";
    public const string SeededState = "Seeded";
    public const string CleanedUpState = "Cleaned up";
    public const string FailedState = "Failed";

    /// <summary>The database the dataset goes into.</summary>
    public IResourceWithConnectionString Parent => database;

    /// <summary>The Test Data Agent resource whose <c>grpc</c> endpoint streams the dataset.</summary>
    public IResourceWithEndpoints TestData => testData;

    /// <summary>The request every seed sends (cloned per run).</summary>
    public GenerateDatasetRequest Request => request;

    /// <summary>One seed or clean-up at a time.</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The run this resource seeded and has not cleaned up, if any.</summary>
    internal string? CurrentRunId { get; set; }
}
