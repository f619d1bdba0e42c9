using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Traditional;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Llm;

/// <summary>
/// The LLM path: the request is split into batches that run in parallel (bounded per request and across the service,
/// slowing down on 429), each asked of the providers in order; every record the models write is merged with the
/// traditional record for its index, so it is valid, coherent and uniquely identified whatever the model wrote; missing
/// records are asked for again and, at the end, made by the traditional generator. A request asks models for at most
/// <c>Llm:MaxRecordsPerRequest</c> records and spends at most about <c>Llm:MaxTokensPerRequest</c> tokens; the rest is
/// traditional. Records come out in index order, a batch as soon as it and those before it are done.
/// </summary>
public sealed class LlmGenerator(
    LlmCaller caller,
    TraditionalGenerator traditional,
    LlmPromptBuilder prompts,
    RecordValidator validator,
    CoherenceScorer scorer,
    LlmThrottle throttle,
    RecordPools pools,
    IOptions<LlmOptions> options) : IRecordGenerator
{
    // As the traditional generator: a long run of records made here gives the thread back now and then.
    private const int TraditionalYieldEvery = 2048;

    public GenerationPath Path => GenerationPath.Llm;

    public Availability Availability => caller.IsConfigured ? Availability.Available : Availability.Unavailable("no LLM provider configured (ConnectionStrings:claude, vllm or ollama)");

    public IAsyncEnumerable<DataRecord> GenerateAsync(GenerationRequest request, GenerationReport report, CancellationToken cancellationToken) =>
        GenerateAsync(request, report, GenerationPath.Llm, _ => Task.FromResult<IReadOnlyList<DataRecord>>([]), cancellationToken);

    /// <summary>
    /// As the LLM path, with few-shot examples for each batch (the hybrid path passes retrieved patterns); records
    /// are pooled under <paramref name="path"/>.
    /// </summary>
    public async IAsyncEnumerable<DataRecord> GenerateAsync(GenerationRequest request, GenerationReport report, GenerationPath path,
        Func<LlmBatch, Task<IReadOnlyList<DataRecord>>> examples, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IReadOnlyList<DataRecord> pooled = [];
        if (request.UseCache && pools.Enabled)
        {
            var key = RecordPools.KeyFor(request, path);
            pooled = await pools.TakeAsync(key, request.Count, cancellationToken);
            await pools.RefillIfLowAsync(key, (count, token) => MakeForPoolAsync(request, count, examples, token), cancellationToken);
            if (pooled.Count > 0)
            {
                report.Warn($"llm: {pooled.Count} of {request.Count} records came from the record pool (written earlier for the same schema, constraints, context and hints; fresh IDs and this request's overrides)");
            }
        }

        await foreach (var (record, _) in RunAsync(request, report, examples, pooled, cancellationToken))
        {
            yield return record;
        }
    }

    /// <summary>Records for a pool: the model's values only (no IDs, timestamps, derived fields), each valid and coherent once merged.</summary>
    private async Task<IReadOnlyList<DataRecord>> MakeForPoolAsync(GenerationRequest request, int count,
        Func<LlmBatch, Task<IReadOnlyList<DataRecord>>> examples, CancellationToken cancellationToken)
    {
        var poolRequest = request with
        {
            Count = count,
            Scenarios = [new ScenarioPlan("default", count, "", new Dictionary<string, object?>())],
            Seed = unchecked(request.Seed * 6_364_136_223_846_793_005L + 1),
        };
        var serviceFields = SchemaPromptWriter.ServiceFields(request.Schema);
        var records = new List<DataRecord>(count);
        await foreach (var (record, fromModel) in RunAsync(poolRequest, new GenerationReport(), examples, [], cancellationToken))
        {
            if (!fromModel)
            {
                continue;
            }

            var kept = new DataRecord(record.Count);
            foreach (var (name, value) in record)
            {
                if (!serviceFields.Contains(name) && !name.StartsWith('_'))
                {
                    kept[name] = value;
                }
            }

            records.Add(kept);
        }

        return records;
    }

    private async IAsyncEnumerable<(DataRecord Record, bool FromModel)> RunAsync(GenerationRequest request, GenerationReport report,
        Func<LlmBatch, Task<IReadOnlyList<DataRecord>>> examples, IReadOnlyList<DataRecord> pooled, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var session = traditional.Begin(request, cancellationToken);
        var merger = new LlmRecordMerger(request.Schema, validator, scorer, request.Locales, request.Seed);
        // Records past Llm:MaxRecordsPerRequest are never asked of a model: they follow the batches, made traditionally.
        var asked = Math.Min(request.Count - pooled.Count, settings.MaxRecordsPerRequest);
        var batches = LlmBatch.Plan(request, LlmBatch.SizeFor(asked, settings), pooled.Count, asked);
        var limiter = new AdaptiveLimiter(settings.MaxConcurrency, throttle);
        var spending = new LlmSpending(settings.MaxTokensPerRequest);
        var tally = new LlmBatchTally(pooled.Count, request.Count - pooled.Count - asked, settings);
        for (var index = 0; index < pooled.Count; index++)
        {
            var scenario = LlmBatch.ScenarioAt(request, index);
            var scaffold = session.Make(index, scenario);
            var record = merger.Merge(pooled[index], scaffold, index, scenario, session);
            yield return (record, !ReferenceEquals(record, scaffold));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Queue<Task<LlmBatchOutcome>>();
        var next = 0;
        try
        {
            while (next < batches.Count || window.Count > 0)
            {
                // A bounded look-ahead: a long stream never has more than a few batches waiting to be sent.
                while (next < batches.Count && window.Count < settings.MaxConcurrency * 2)
                {
                    window.Enqueue(RunBatchAsync(request, batches[next++], merger.ServiceFields, examples, limiter, spending, report, settings, stop.Token));
                }

                var outcome = await window.Dequeue();
                tally.Add(outcome);
                var batch = outcome.Batch;
                for (var i = 0; i < batch.Count; i++)
                {
                    var index = batch.FirstIndex + i;
                    var scaffold = session.Make(index, batch.Scenario);
                    var record = i < outcome.Records.Count ? merger.Merge(outcome.Records[i], scaffold, index, batch.Scenario, session) : scaffold;
                    if (i == batch.Count - 1)
                    {
                        // The batch ends with this record: a stream sends it now rather than waiting for the next batch.
                        report.RequestFlush();
                    }

                    yield return (record, !ReferenceEquals(record, scaffold));
                }
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var pending in window)
            {
                await pending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        var made = 0;
        foreach (var (index, scenario) in LlmBatch.IndexesFrom(request, (long)pooled.Count + asked))
        {
            if (++made % TraditionalYieldEvery == 0)
            {
                // A long traditional tail (a 10M stream past the cap) gives the thread back now and then.
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }

            yield return (session.Make(index, scenario), false);
        }

        tally.Report(report, merger, request.Count, spending);
    }

    private async Task<LlmBatchOutcome> RunBatchAsync(GenerationRequest request, LlmBatch batch, IReadOnlySet<string> serviceFields,
        Func<LlmBatch, Task<IReadOnlyList<DataRecord>>> examplesFor, AdaptiveLimiter limiter, LlmSpending spending, GenerationReport report,
        LlmOptions settings, CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(cancellationToken);
        using var activity = TestDataTracing.Source.StartActivity("llm.batch");
        activity?.SetTag("testdata.batch", batch.Number);
        activity?.SetTag("testdata.batch_first_index", batch.FirstIndex);
        activity?.SetTag("testdata.batch_count", batch.Count);
        activity?.SetTag("testdata.concurrency_limit", limiter.Limit);
        try
        {
            var examples = await examplesFor(batch);
            var records = new List<DataRecord>(batch.Count);
            var texts = new HashSet<string>(StringComparer.Ordinal);
            var problems = new List<string>();
            IReadOnlyList<string> failures = [];
            var overBudget = false;
            for (var attempt = 0; attempt <= settings.MaxAskAgain && records.Count < batch.Count; attempt++)
            {
                if (spending.Exhausted)
                {
                    overBudget = true;
                    break;
                }

                var prompt = prompts.Build(request, batch, batch.Count - records.Count, attempt, serviceFields, examples, settings.StructuredOutput);
                var result = await caller.AskAsync(prompt, report, cancellationToken);
                spending.Spend(result.Tokens);
                if (result.Text is null)
                {
                    failures = result.Failures;
                    break;
                }

                var answer = LlmAnswerParser.Parse(result.Text);
                if (answer.Problem is { } problem)
                {
                    problems.Add(problem);
                }

                foreach (var record in answer.Records)
                {
                    if (records.Count == batch.Count)
                    {
                        break;
                    }

                    // A record that repeats an earlier one's text is dropped and asked for again.
                    var fingerprint = TextFingerprint.Of(string.Join(' ', record.Values.OfType<string>().Where(s => s.Length >= 24)));
                    if (fingerprint.Length == 0 || texts.Add(fingerprint))
                    {
                        records.Add(record);
                    }
                }
            }

            activity?.SetTag("testdata.records_from_model", records.Count);
            activity?.SetTag("testdata.problems", problems.Count);
            activity?.SetTag("testdata.over_budget", overBudget);
            if (records.Count == 0 && failures.Count > 0)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "every provider failed");
            }

            return new LlmBatchOutcome(batch, records, failures, problems, overBudget);
        }
        finally
        {
            limiter.Release();
        }
    }
}
