using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TestDataAgent.Generators;
using TestDataAgent.Generators.Catalog;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>Builds domain requests and runs the traditional generator without any host.</summary>
internal static class TestRequests
{
    public static readonly DateTimeOffset ReferenceTime = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly string[] CoreEntities = ["cart", "order", "payment", "product", "review", "user"];

    public static SchemaRegistry Registry { get; } = SchemaRegistry.Load();

    public static IEnumerable<string> AllEntities => Registry.List().Select(s => s.Name);

    public static EntitySchema Schema(string entity) => Registry.TryGet(entity, out var schema) ? schema : throw new ArgumentException($"no built-in schema '{entity}'", nameof(entity));

    public static GenerationRequestValidator Validator(int maxSync = 10_000, int maxStream = 10_000_000) =>
        new(new SchemaResolver(Registry), Options.Create(new GenerationOptions { MaxSyncRecords = maxSync, MaxStreamRecords = maxStream }), new FakeTimeProvider(ReferenceTime));

    /// <summary>The domain as the Api composes it, without Redis, an LLM or a pattern store.</summary>
    public static ServiceProvider DomainServices(GenerationOptions? options = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(options ?? new GenerationOptions()));
        services.AddTestDataGenerators();
        return services.BuildServiceProvider();
    }

    public static GenerationRequest Request(string entity, int count, long seed = 42) =>
        Validator().Validate(new GenerationRequestInput { Entity = entity, Count = count, Seed = seed, ReferenceTime = "2026-06-01T12:00:00Z" }, RequestMode.Stream);

    public static List<DataRecord> Generate(GenerationRequest request) =>
        new TraditionalGenerator(ThemeCatalog.Default, new Generators.Validation.RecordValidator()).GenerateAsync(request, CancellationToken.None).ToBlockingEnumerable().ToList();

    public static List<DataRecord> Generate(string entity, int count, long seed = 42) => Generate(Request(entity, count, seed));
}
