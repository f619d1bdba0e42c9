using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Routing;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// The request flow after validation: route, pick an available generator (falling back hybrid → llm or rag →
/// traditional), generate, validate and score every record, and write the requested format, whole or in chunks.
/// </summary>
public sealed partial class GenerationService(
    IntelligenceRouter router,
    IEnumerable<IRecordGenerator> generators,
    RecordValidator validator,
    CoherenceScorer scorer,
    IOptions<GenerationOptions> options,
    ISchemaRegistry registry,
    TestDataMetrics metrics,
    ILogger<GenerationService> logger)
{
    private readonly Dictionary<GenerationPath, IRecordGenerator> _generators = generators.ToDictionary(g => g.Path);

    private TraditionalGenerator Traditional => (TraditionalGenerator)_generators[GenerationPath.Traditional];

    public GenerationPlan Plan(GenerationRequest request)
    {
        using var activity = TestDataTracing.Source.StartActivity("route");
        var decision = router.Route(request);
        var warnings = new List<string>(request.Warnings);
        var path = decision.Path;
        var reason = decision.Reason;
        while (!TryGetAvailable(path, out _))
        {
            var fallback = path switch
            {
                GenerationPath.Hybrid when TryGetAvailable(GenerationPath.Llm, out _) => GenerationPath.Llm,
                GenerationPath.Hybrid when TryGetAvailable(GenerationPath.Rag, out _) => GenerationPath.Rag,
                _ => GenerationPath.Traditional,
            };
            var why = _generators.TryGetValue(path, out var missing) ? missing.Availability.Reason : "not available in this deployment";
            warnings.Add($"{path.ToWireName()} path unavailable ({why}); used {fallback.ToWireName()}");
            metrics.Fallback(path.ToWireName(), fallback.ToWireName());
            reason = $"{reason}; fell back to {fallback.ToWireName()}: {path.ToWireName()} unavailable ({why})";
            path = fallback;
        }

        TryGetAvailable(path, out var generator);
        activity?.SetTag("testdata.requested_path", decision.Path.ToWireName());
        activity?.SetTag("testdata.path", path.ToWireName());
        activity?.SetTag("testdata.routing_reason", reason);
        return new GenerationPlan(generator!, decision, reason, warnings);
    }

    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var plan = Plan(request);
        using var activity = StartGenerateActivity(request, plan);
        using var formatter = ChunkFormatter.Create(request.Format, request.Schema, preamble: request.PartitionIndex == 0, neutraliseFormulas: !request.Hints.Contains(HintNames.RawCsv), dialect: request.SqlDialect);
        var tally = new RecordTally(request.Schema, validator, scorer);
        var report = new GenerationReport();
        var limit = options.Value.MaxUnaryResponseBytes;
        var blanks = RecordBlanks.For(request);
        ReadOnlyMemory<byte>? joined = null;
        try
        {
            UnaryResponseBudget.CheckEstimate(request, Traditional, limit);
            if (plan.Generator is TraditionalGenerator traditional && BatchedAnswer.Applies(request, options.Value))
            {
                joined = await BatchedAnswer.JoinAsync(new BatchedStream(request, traditional, validator, scorer, options.Value), request, tally, limit, cancellationToken);
            }
            else if (plan.Generator is TraditionalGenerator sequential)
            {
                // Made here, without an async hop per record; each is written before the next reuses its structure.
                foreach (var record in sequential.Written(request, cancellationToken))
                {
                    Write(record, request, blanks, tally, formatter, limit);
                }
            }
            else
            {
                await foreach (var record in SequentialStream.RecordsOf(plan.Generator, request, report, cancellationToken).WithCancellation(cancellationToken))
                {
                    Write(record, request, blanks, tally, formatter, limit);
                }
            }
        }
        catch
        {
            activity?.SetStatus(ActivityStatusCode.Error);
            RecordFailure(request, plan, Stopwatch.GetElapsedTime(started));
            throw;
        }

        Utf8Chunk data;
        using (var write = TestDataTracing.Source.StartActivity("write"))
        {
            // The formatter's pooled array, not a copy: the transport gives it back once the answer is sent.
            data = joined is { } whole ? Utf8Chunk.FromOwned(whole) : formatter.CompleteAnswer();
            write?.SetTag("testdata.bytes", data.Length);
        }

        Complete(activity, tally);
        var metadata = BuildMetadata(request, plan, report, tally, Stopwatch.GetElapsedTime(started));
        Record(request, plan, report, tally, Stopwatch.GetElapsedTime(started));
        if (logger.IsEnabled(LogLevel.Information))
        {
            var entity = Echo.Quote(request.Entity);
            LogGenerated(tally.Count, entity, metadata.Path, metadata.GenerationTimeMs);
        }

        return new GenerationResult(data, tally.Count, metadata);
    }

    private static void Write(DataRecord record, GenerationRequest request, RecordBlanks? blanks, RecordTally tally, ChunkFormatter formatter, int limit)
    {
        blanks?.Apply(record);
        tally.Add(record);
        formatter.Add(record);
        UnaryResponseBudget.CheckWritten(request, formatter.ByteCount, formatter.RecordCount, limit);
    }

    /// <summary><see cref="StreamUtf8Async"/>'s chunks as text.</summary>
    public async IAsyncEnumerable<string> StreamAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in StreamUtf8Async(request, cancellationToken))
        {
            using (chunk)
            {
                yield return chunk.ToString();
            }
        }
    }

    /// <summary>
    /// Yields chunks as records are made: at most <see cref="GenerationOptions.ChunkMaxRecords"/> records or about
    /// <see cref="GenerationOptions.ChunkMaxBytes"/> bytes each, as the UTF-8 the formatter wrote, in pooled arrays the
    /// caller gives back by disposing each chunk once sent. Memory stays constant however many records there are.
    /// </summary>
    public async IAsyncEnumerable<Utf8Chunk> StreamUtf8Async(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var plan = Plan(request);
        using var activity = StartGenerateActivity(request, plan);
        var tally = new RecordTally(request.Schema, validator, scorer);
        var report = new GenerationReport();
        var completed = false;
        try
        {
            // The traditional path is made in batches on every core; the others (model and store calls) as they come.
            var chunks = plan.Generator is TraditionalGenerator traditional
                ? new BatchedStream(request, traditional, validator, scorer, options.Value).ChunksAsync(tally, cancellationToken)
                : SequentialStream.ChunksAsync(request, plan.Generator, report, tally, options.Value, cancellationToken);
            await foreach (var chunk in chunks.WithCancellation(cancellationToken))
            {
                yield return chunk;
            }

            completed = true;
        }
        finally
        {
            if (!completed)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
                // Failed, cancelled, or abandoned by the caller: counted as an error of the path that was serving it.
                RecordFailure(request, plan, Stopwatch.GetElapsedTime(started));
            }
        }

        Complete(activity, tally);
        Record(request, plan, report, tally, Stopwatch.GetElapsedTime(started));
        if (logger.IsEnabled(LogLevel.Information))
        {
            var entity = Echo.Quote(request.Entity);
            LogStreamed(tally.Count, entity, report.ActualPath ?? plan.Generator.Path);
        }
    }

    private static Activity? StartGenerateActivity(GenerationRequest request, GenerationPlan plan)
    {
        var activity = TestDataTracing.Source.StartActivity("generate");
        activity?.SetTag("request_id", Echo.Quote(request.RequestId));
        activity?.SetTag("testdata.entity", request.Entity);
        activity?.SetTag("testdata.path", plan.Generator.Path.ToWireName());
        activity?.SetTag("testdata.format", request.Format.ToString().ToLowerInvariant());
        activity?.SetTag("testdata.seed", request.Seed);
        return activity;
    }

    private static void Complete(Activity? activity, RecordTally tally)
    {
        activity?.SetTag("testdata.record_count", tally.Count);
        activity?.SetTag("testdata.invalid_count", tally.InvalidRecords);
        activity?.SetTag("testdata.coherence_score", tally.MeanCoherence);
    }

    /// <summary>Metric labels for a request: registry entities and domains by name, everything else as "custom".</summary>
    public (string Domain, string Entity) Labels(string domain, string entity)
    {
        var known = registry.TryGet(entity, out var schema);
        var domainLabel = domain.Length == 0 && known ? schema.Domain : registry.List(domain).Count > 0 ? domain : TestDataMetrics.CustomLabel;
        return (domainLabel, known ? entity : TestDataMetrics.CustomLabel);
    }

    private void RecordFailure(GenerationRequest request, GenerationPlan plan, TimeSpan elapsed)
    {
        var (domain, entity) = Labels(request.Domain, request.Entity);
        metrics.RequestCompleted(plan.Generator.Path.ToWireName(), domain, entity, success: false, elapsed);
    }

    private void Record(GenerationRequest request, GenerationPlan plan, GenerationReport report, RecordTally tally, TimeSpan elapsed)
    {
        var (domain, entity) = Labels(request.Domain, request.Entity);
        var path = (report.ActualPath ?? plan.Generator.Path).ToWireName();
        if (report.ActualPath is { } actual && actual != plan.Generator.Path)
        {
            metrics.Fallback(plan.Generator.Path.ToWireName(), actual.ToWireName());
        }

        metrics.RequestCompleted(path, domain, entity, success: true, elapsed);
        metrics.RecordsGenerated(domain, entity, tally.Count, tally.InvalidRecords, tally.MeanCoherence);
    }

    private bool TryGetAvailable(GenerationPath path, out IRecordGenerator? generator)
    {
        if (_generators.TryGetValue(path, out var candidate) && candidate.Availability.IsAvailable)
        {
            generator = candidate;
            return true;
        }

        generator = null;
        return false;
    }

    private static GenerationSummary BuildMetadata(GenerationRequest request, GenerationPlan plan, GenerationReport report, RecordTally tally, TimeSpan elapsed)
    {
        var warnings = new List<string>(plan.Warnings);
        warnings.AddRange(report.Warnings);
        if (tally.InvalidRecords > 0)
        {
            warnings.Add($"{tally.InvalidRecords} record(s) failed schema validation; first: {tally.FirstViolation}");
        }

        return new GenerationSummary
        {
            Path = report.ActualPath ?? plan.Generator.Path,
            RequestedPath = plan.Decision.Path,
            RoutingReason = report.ActualPath is { } actual && actual != plan.Generator.Path
                ? $"{plan.Reason}; served by {actual.ToWireName()}: the {plan.Generator.Path.ToWireName()} path failed"
                : plan.Reason,
            LlmTokensUsed = (int)Math.Min(int.MaxValue, report.TokensUsed),
            LlmModel = string.Join(", ", report.Models),
            Seed = request.Seed,
            ReferenceTime = request.ReferenceTime,
            GenerationTimeMs = elapsed.TotalMilliseconds,
            CoherenceScore = tally.MeanCoherence,
            ScenarioCounts = tally.ScenarioCounts,
            Warnings = warnings,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated {Count} {Entity} records on the {Path} path in {ElapsedMs:F1} ms")]
    private partial void LogGenerated(int count, string entity, GenerationPath path, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Streamed {Count} {Entity} records on the {Path} path")]
    private partial void LogStreamed(int count, string entity, GenerationPath path);
}
