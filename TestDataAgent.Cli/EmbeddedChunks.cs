using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Cli;

/// <summary>The records made in this process through the domain's <see cref="RequestPipeline"/>, as <c>GenerateDataStream</c> makes them.</summary>
internal sealed class EmbeddedChunks(GenerationRequestInput input) : IChunkSource
{
    public async Task<string?> StreamAsync(Func<ReadOnlyMemory<byte>, Task> write, CancellationToken cancellationToken)
    {
        using var domain = EmbeddedDomain.Build();
        string? failure = null;
        await domain.GetRequiredService<RequestPipeline>().StreamAsync(input, async chunk =>
        {
            if (!chunk.IsFinal)
            {
                await write(chunk.Data.Memory);
            }
            else if (chunk.Data.Length > 0)
            {
                failure = ErrorOf(chunk.Data.ToString());
            }
        }, cancellationToken);
        return failure;
    }

    /// <summary>The message of a final <c>{"error": …}</c> chunk.</summary>
    public static string ErrorOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? json : json;
    }
}
