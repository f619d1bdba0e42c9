using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Hosting;

namespace Aspire.Hosting;

/// <summary>Seeds a database resource with a Test Data Agent dataset when it is ready.</summary>
public static class TestDataSeedingBuilderExtensions
{
    /// <summary>
    /// Seeds <paramref name="database"/> with the dataset <paramref name="preset"/> (<paramref name="seed"/>: the same
    /// seed gives the same rows) from <paramref name="testData"/>'s <c>grpc</c> endpoint once the database is ready
    /// (its <see cref="ResourceReadyEvent"/>) and the service is healthy, creating the tables. The database's
    /// connection string decides the driver: <c>Host=</c> is PostgreSQL (binary COPY), <c>Data Source=</c> SQLite.
    /// Adds a child resource <c>{database}-testdata</c> that shows the progress and result (state, properties, log) and
    /// carries the dashboard commands <em>Reseed</em> (clean up the run, seed again) and <em>Clean up</em> (delete
    /// exactly the run's rows). Resources that <c>WaitFor</c> the database start after the seed; the service itself
    /// must not wait for the database.
    /// </summary>
    /// <param name="database">Any resource with a connection string: a PostgreSQL server or database, a SQLite file.</param>
    /// <param name="testData">The service, from <c>AddTestDataAgent</c> (or any resource with a <c>grpc</c> endpoint serving <c>testdata.v1</c>).</param>
    /// <param name="preset">The dataset preset, e.g. <c>ecommerce_core</c>.</param>
    /// <param name="seed">The generator seed; null lets the service choose (reported in the state).</param>
    /// <param name="configure">Changes the request further: tables, counts, reference time, locale.</param>
    public static IResourceBuilder<TDatabase> WithTestData<TDatabase, TService>(this IResourceBuilder<TDatabase> database,
        IResourceBuilder<TService> testData, string preset, long? seed = null, Action<GenerateDatasetRequest>? configure = null)
        where TDatabase : IResourceWithConnectionString
        where TService : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(testData);
        ArgumentException.ThrowIfNullOrWhiteSpace(preset);
        var request = new GenerateDatasetRequest { Preset = preset };
        if (seed is { } value)
        {
            request.Seed = value;
        }

        configure?.Invoke(request);
        var resource = new TestDataSeedResource($"{database.Resource.Name}-testdata", database.Resource, testData.Resource, request);
        if (database.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            // Seeding is a run-time matter: nothing to deploy.
            return database;
        }

        database.ApplicationBuilder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = TestDataSeedResource.ResourceType,
                State = new ResourceStateSnapshot(TestDataSeedResource.WaitingState, KnownResourceStateStyles.Info),
                Properties =
                [
                    new("testdata.request.preset", preset),
                    new("testdata.request.seed", seed?.ToString(CultureInfo.InvariantCulture) ?? "(the service's choice)"),
                    new("testdata.request.service", testData.Resource.Name),
                ],
            })
            .ExcludeFromManifest()
            .WithCommand(TestDataSeedResource.ReseedCommandName, "Reseed", async context =>
            {
                try
                {
                    var result = await new TestDataSeedRunner(resource, context.Services).SeedAsync(context.CancellationToken).ConfigureAwait(false);
                    return CommandResults.Success($"Seeded run {result.RunId}: {result.TotalRows} rows");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    return CommandResults.Failure(ex.Message);
                }
            }, new CommandOptions
            {
                Description = "Delete the rows this resource seeded and seed the dataset again",
                IconName = "ArrowSync",
                UpdateState = SeedCommandState,
            })
            .WithCommand(TestDataSeedResource.CleanupCommandName, "Clean up", async context =>
            {
                try
                {
                    var deleted = await new TestDataSeedRunner(resource, context.Services).CleanupAsync(context.CancellationToken).ConfigureAwait(false);
                    return CommandResults.Success($"{deleted} rows deleted");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    return CommandResults.Failure(ex.Message);
                }
            }, new CommandOptions
            {
                Description = "Delete exactly the rows this resource seeded (rows it did not insert stay)",
                IconName = "Delete",
                ConfirmationMessage = $"Delete the test data seeded into '{database.Resource.Name}'?",
                UpdateState = SeedCommandState,
            });

        return database.OnResourceReady(async (_, ready, ct) =>
        {
            try
            {
                await new TestDataSeedRunner(resource, ready.Services).SeedAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Shown as the resource's Failed state and logged; the database and its dependents carry on.
            }
        });
    }

    private static ResourceCommandState SeedCommandState(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text is { } state && state.StartsWith(TestDataSeedResource.SeedingState, StringComparison.Ordinal)
            ? ResourceCommandState.Disabled
            : context.ResourceSnapshot.State?.Text == TestDataSeedResource.WaitingState ? ResourceCommandState.Disabled : ResourceCommandState.Enabled;
}
