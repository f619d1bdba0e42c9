using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// A large traditional unary answer made as a stream is (<see cref="BatchedStream"/>: batches on every core, in index
/// order), its chunks joined into one document with the same bytes one formatter writing every record gives. NDJSON,
/// CSV and SQL chunks follow on from each other as they are (only the first has the header or the DDL); a JSON chunk is
/// an array of its records, so the arrays are joined into one.
/// </summary>
internal static class BatchedAnswer
{
    /// <summary>From this many records a traditional unary answer is made in batches on every core.</summary>
    public const int MinimumRecords = 2_000;

    /// <summary>Whether <paramref name="request"/>'s answer is large enough to split, and there is more than one worker to split it over.</summary>
    public static bool Applies(GenerationRequest request, GenerationOptions options) =>
        request.RecordCount >= MinimumRecords && (options.StreamWorkers > 0 ? options.StreamWorkers : Environment.ProcessorCount) > 1;

    /// <summary>The answer's bytes, checked against <paramref name="limit"/> as they grow; <paramref name="tally"/> counts every record.</summary>
    /// <exception cref="InvalidRequestException">The answer grows past <paramref name="limit"/>.</exception>
    public static async Task<ReadOnlyMemory<byte>> JoinAsync(BatchedStream stream, GenerationRequest request, RecordTally tally, int limit, CancellationToken cancellationToken)
    {
        using var joined = new PooledBufferWriter();
        var json = request.Format == DataFormat.Json;
        var first = true;
        await foreach (var chunk in stream.ChunksAsync(tally, cancellationToken).WithCancellation(cancellationToken))
        {
            using (chunk)
            {
                // [a,b] and [c] make [a,b,c].
                var bytes = !json ? chunk.Span : first ? chunk.Span[..^1] : chunk.Span[1..^1];
                if (json && !first)
                {
                    Append(joined, ","u8);
                }

                Append(joined, bytes);
                first = false;
            }

            UnaryResponseBudget.CheckWritten(request, joined.WrittenCount, tally.Count, limit);
        }

        if (json)
        {
            Append(joined, first ? "[]"u8 : "]"u8);
        }

        return joined.Release();
    }

    private static void Append(PooledBufferWriter writer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }
}
