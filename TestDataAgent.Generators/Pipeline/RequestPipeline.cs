using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// A generation request from the transport's input to its answer: validate once into a <see cref="GenerationRequest"/>,
/// then the response cache (<c>use_cache</c>), then <see cref="GenerationService"/>. It owns the error policy, so every
/// transport answers alike: a unary failure is in-band (<see cref="GenerationOutcome.Error"/>), a stream refuses a bad
/// request before its first chunk and ends a failed one with a final <c>{"error": …}</c> chunk, as the original's
/// clients expect. Rejections are logged and counted here.
/// </summary>
public sealed partial class RequestPipeline(
    GenerationRequestValidator validator,
    GenerationService generation,
    ResponseCache cache,
    TestDataMetrics metrics,
    ILogger<RequestPipeline> logger)
{
    /// <summary>One response with every record; never throws for a bad request or a failed generation, only when cancelled.</summary>
    public async Task<GenerationOutcome> GenerateAsync(GenerationRequestInput input, CancellationToken cancellationToken)
    {
        using var scope = BeginRequestScope(input);
        using var activity = StartRequestActivity("GenerateData", input);
        GenerationRequest request;
        try
        {
            request = Validate(input, RequestMode.Unary, cancellationToken);
        }
        catch (InvalidRequestException ex)
        {
            return GenerationOutcome.Failed(ex.Message);
        }

        try
        {
            var result = request.UseCache
                ? await cache.GetOrGenerateAsync(request, token => generation.GenerateAsync(request, token), cancellationToken)
                : await generation.GenerateAsync(request, cancellationToken);
            return GenerationOutcome.Succeeded(result);
        }
        catch (InvalidRequestException ex)
        {
            // Found while generating: constraints that the records cannot meet.
            LogRejected(ex.Field, ex.Message);
            return GenerationOutcome.Failed(ex.Message);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The details stay in the log.
            LogFailed(ex, Echo.Quote(request.Entity));
            return GenerationOutcome.Failed(InternalError(request.Entity, input.RequestId));
        }
    }

    /// <summary>
    /// Streams the records through <paramref name="write"/> in chunks, then a final chunk (empty, or <c>{"error": …}</c>
    /// when generation failed part-way). Throws <see cref="InvalidRequestException"/> before writing anything when the
    /// request is invalid, and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public async Task StreamAsync(GenerationRequestInput input, Func<StreamChunk, Task> write, CancellationToken cancellationToken)
    {
        using var scope = BeginRequestScope(input);
        using var activity = StartRequestActivity("GenerateDataStream", input);
        var request = Validate(input, RequestMode.Stream, cancellationToken);

        var index = 0;
        try
        {
            await foreach (var data in generation.StreamUtf8Async(request, cancellationToken))
            {
                // Written (serialised into the transport's buffers) when the write completes: its array goes back then.
                using (data)
                {
                    await write(new StreamChunk(data, index++, IsFinal: false));
                }
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // At a deadline or a cancel the transport may fail the write (the response is already complete) rather than
            // throw OperationCanceledException: either way the caller is gone and no error chunk can be sent.
            LogStreamCancelled(index);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new OperationCanceledException("The stream was cancelled.", ex, cancellationToken);
        }
        catch (Exception ex)
        {
            LogFailed(ex, Echo.Quote(request.Entity));
            var message = ex is InvalidRequestException ? ex.Message : $"{InternalError(request.Entity, input.RequestId)} ({index} chunk(s) were sent)";
            await write(new StreamChunk(Utf8Chunk.FromText(JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message })), index, IsFinal: true));
            return;
        }

        await write(new StreamChunk(Utf8Chunk.Empty, index, IsFinal: true));
    }

    // What went wrong inside stays in the log: the caller gets where to look, never an exception type or message.
    private static string InternalError(string entity, string requestId) =>
        $"Generation failed for entity '{Echo.Quote(entity)}' with an internal error; the service log has the details under request_id '{Echo.Quote(requestId)}'";

    // With logging off (not even Critical), no scope state is built: a call then pays nothing for logging.
    private IDisposable? BeginRequestScope(GenerationRequestInput input) =>
        logger.IsEnabled(LogLevel.Critical) ? logger.BeginScope(new Dictionary<string, object> { ["request_id"] = Echo.Quote(input.RequestId) }) : null;

    private static Activity? StartRequestActivity(string name, GenerationRequestInput input)
    {
        var activity = TestDataTracing.Source.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag("request_id", Echo.Quote(input.RequestId));
        activity?.SetTag("testdata.entity", Echo.Quote(input.Entity));
        activity?.SetTag("testdata.count", input.Count);
        return activity;
    }

    // A rejected request is logged and counted here, once, whichever way it came in.
    private GenerationRequest Validate(GenerationRequestInput input, RequestMode mode, CancellationToken cancellationToken)
    {
        using var activity = TestDataTracing.Source.StartActivity("validate");
        try
        {
            return validator.Validate(input, mode, cancellationToken);
        }
        catch (InvalidRequestException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Field);
            Activity.Current?.Parent?.SetStatus(ActivityStatusCode.Error, ex.Message);
            Reject(input, ex);
            throw;
        }
    }

    // Refused before routing: counted under "traditional", as the original counted every error.
    private void Reject(GenerationRequestInput input, InvalidRequestException ex)
    {
        LogRejected(ex.Field, ex.Message);
        var (domain, entity) = generation.Labels(input.Domain, input.Entity);
        metrics.RequestCompleted("traditional", domain, entity, success: false, TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected request: {Field}: {Reason}")]
    private partial void LogRejected(string field, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Generation failed for {Entity}")]
    private partial void LogFailed(Exception exception, string entity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream cancelled by the client after {Chunks} chunk(s)")]
    private partial void LogStreamCancelled(int chunks);
}
