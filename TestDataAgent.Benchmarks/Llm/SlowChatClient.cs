using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace TestDataAgent.Benchmarks.Llm;

/// <summary>
/// A model that takes <see cref="Latency"/> per call and answers with as many review records as the prompt asks for,
/// each with its own text: the benchmark measures our batching, parallelism, parsing, merging and validation, not a model.
/// </summary>
internal sealed class SlowChatClient(TimeSpan latency) : IChatClient
{
    private int _calls;

    public TimeSpan Latency { get; } = latency;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        var prompt = messages.Last().Text;
        var marker = "Write exactly ";
        var start = prompt.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var count = int.Parse(prompt.AsSpan(start, prompt.IndexOf(' ', start) - start), System.Globalization.CultureInfo.InvariantCulture);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken);
        }

        var records = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var rating = 1 + ((call + i) % 5);
            records.Add(new JsonObject
            {
                ["rating"] = rating,
                ["title"] = $"Review {call}.{i}: {(rating >= 4 ? "does what it promises" : "disappointing after a week")}",
                ["body"] = $"Benchmark review {call}.{i}. I used it daily for a month; {(rating >= 4 ? "sturdy, quiet and easy to clean." : "the lid cracked and support never answered.")}",
                ["verified_purchase"] = i % 4 != 0,
                ["helpful_votes"] = i % 30,
            });
        }

        var text = new JsonObject { ["records"] = records }.ToJsonString();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            Usage = new UsageDetails { InputTokenCount = 1200, OutputTokenCount = 60 * count, TotalTokenCount = 1200 + (60 * count) },
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The benchmark asks for whole answers.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
