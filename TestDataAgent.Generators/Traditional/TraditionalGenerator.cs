using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Catalog;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Bogus rules compiled from the schema, one seeded <see cref="Bogus.Faker"/> per request. Records are coherent by
/// construction (the schema's <c>derive</c> rules), IDs are unique, and the same seed gives the same records.
/// </summary>
public sealed class TraditionalGenerator(ThemeCatalog catalog, RecordValidator validator, IOptions<GenerationOptions>? options = null) : IRecordGenerator
{
    private readonly FieldPlanCache _plans = new(() => (options?.Value ?? s_defaults).FieldPlanCacheEntries);

    private static readonly GenerationOptions s_defaults = new();

    // Give the thread back now and then so a long stream never monopolises it; the value only affects scheduling.
    private const int YieldEvery = 2048;

    public GenerationPath Path => GenerationPath.Traditional;

    public Availability Availability => Availability.Available;

    /// <summary>
    /// A session for one request: what the other generators use for scaffold records and re-derivation. Building the
    /// schema's pattern generators honours <paramref name="cancellationToken"/>.
    /// </summary>
    /// <exception cref="InvalidRequestException">A field's pattern cannot be generated from, or would cost more than its bound.</exception>
    public TraditionalSession Begin(GenerationRequest request, CancellationToken cancellationToken = default) =>
        new(request, catalog, validator, _plans.For(request, request.Hints.Contains(HintNames.EdgeCase), cancellationToken));

    /// <summary>Schemas compiled into field plans so far; a request whose schema and constraints were seen before compiles nothing.</summary>
    internal long PlanCompilations => _plans.Compilations;

    /// <summary>The traditional path has nothing to report: its records are the request's, coherent by construction.</summary>
    public IAsyncEnumerable<DataRecord> GenerateAsync(GenerationRequest request, GenerationReport report, CancellationToken cancellationToken) =>
        GenerateAsync(request, cancellationToken);

    /// <summary>The request's records (its slice of the run), for the other generators' scaffolds and for examples.</summary>
    public async IAsyncEnumerable<DataRecord> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var session = Begin(request, cancellationToken);
        foreach (var (index, scenario) in Layout(request, request.First, request.End))
        {
            if (index % YieldEvery == YieldEvery - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }

            yield return session.Make(index, scenario);
        }
    }

    /// <summary>
    /// The request's records (its slice of the run) for a caller that writes each one before it asks for the next (a
    /// unary answer): the session reuses a record's structure for the next, so none may be kept.
    /// </summary>
    internal IEnumerable<DataRecord> Written(GenerationRequest request, CancellationToken cancellationToken)
    {
        var session = Begin(request, cancellationToken);
        session.RecyclesRecords = true;
        foreach (var (index, scenario) in Layout(request, request.First, request.End))
        {
            if (index % YieldEvery == YieldEvery - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            yield return session.Make(index, scenario);
        }
    }

    /// <summary>The global indexes from <paramref name="first"/> to before <paramref name="end"/>, each with its scenario: scenarios lie over the run in order.</summary>
    public static IEnumerable<(long Index, ScenarioPlan Scenario)> Layout(GenerationRequest request, long first, long end)
    {
        var start = 0L;
        foreach (var scenario in request.Scenarios)
        {
            var stop = start + scenario.Count;
            for (var index = Math.Max(start, first); index < Math.Min(stop, end); index++)
            {
                yield return (index, scenario);
            }

            start = stop;
        }
    }
}
