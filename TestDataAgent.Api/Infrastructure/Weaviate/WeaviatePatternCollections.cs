using Microsoft.Extensions.VectorData;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.Weaviate;

/// <summary>
/// The three pattern collections in Weaviate. After a failed call, retrieval is unavailable for a short pause (RAG
/// requests are then served by the traditional generator, and say so) and tried again afterwards.
/// </summary>
public sealed class WeaviatePatternCollections : IPatternCollections, IAvailable, IReadinessProbe
{
    private static readonly TimeSpan s_pause = TimeSpan.FromSeconds(10);

    private readonly WeaviateClient _client;
    private readonly TimeProvider _time;
    private readonly WeaviatePatternCollection[] _collections;
    private readonly TimeSpan _probeTimeout;
    // UTC ticks of the last failure; 0 (year 1) means none.
    private long _failedAtTicks;
    private string _lastError = "";

    public WeaviatePatternCollections(WeaviateClient client, WeaviateSettings settings, TimeProvider time)
    {
        _client = client;
        _time = time;
        _probeTimeout = TimeSpan.FromMilliseconds(Math.Clamp(settings.TimeoutMilliseconds, 100, 5_000));
        _collections = [.. Enum.GetValues<PatternCategory>().Select(kind => new WeaviatePatternCollection(kind.CollectionName(), client, Report))];
    }

    public string StoreName => "weaviate";

    public Availability Availability => _time.GetUtcNow().UtcTicks - Interlocked.Read(ref _failedAtTicks) >= s_pause.Ticks
        ? Availability.Available
        : Availability.Unavailable($"Weaviate failed recently: {_lastError}");

    public VectorStoreCollection<string, StoredPattern> Collection(PatternCategory kind) => _collections[(int)kind];

    /// <summary>GET /v1/.well-known/ready within a bounded time.</summary>
    public async Task<(bool Ready, string Detail)> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_probeTimeout);
        (bool Ready, string Detail) result;
        try
        {
            result = await _client.IsReadyAsync(timeout.Token) ? (true, "weaviate ready") : (false, "weaviate is not ready");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            result = (false, $"weaviate unreachable: {ex.Message}");
        }

        if (!result.Ready)
        {
            // A failed probe pauses retrieval like a failed call, so requests do not wait on a dead store.
            Report(new HttpRequestException(result.Detail));
        }

        return result;
    }

    private void Report(Exception? failure)
    {
        if (failure is null)
        {
            return;
        }

        _lastError = failure.Message;
        Interlocked.Exchange(ref _failedAtTicks, _time.GetUtcNow().UtcTicks);
    }
}
