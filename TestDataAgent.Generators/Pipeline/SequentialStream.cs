using System.Runtime.CompilerServices;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// A stream made as a generator's records arrive, for the paths that wait on models or stores (LLM, RAG, hybrid); the
/// traditional path uses <see cref="BatchedStream"/>. Both keep only the request's slice of the run (its partition).
/// </summary>
internal static class SequentialStream
{
    /// <summary>The request's chunks, cut by record count and bytes as records arrive; the first is small.</summary>
    public static async IAsyncEnumerable<Utf8Chunk> ChunksAsync(GenerationRequest request, IRecordGenerator generator, GenerationReport report, RecordTally tally, GenerationOptions limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var formatter = ChunkFormatter.Create(request.Format, request.Schema, request.PartitionIndex == 0, limits.ChunkMaxBytes, neutraliseFormulas: !request.Hints.Contains(HintNames.RawCsv), dialect: request.SqlDialect);
        var blanks = RecordBlanks.For(request);
        var first = true;
        await foreach (var record in RecordsOf(generator, request, report, cancellationToken).WithCancellation(cancellationToken))
        {
            blanks?.Apply(record);
            tally.Add(record);
            formatter.Add(record);
            // The first chunk is small so the caller sees data within milliseconds; the rest are full. A generator
            // that works in batches (LLM) asks for each finished batch to be sent at once.
            var recordLimit = first ? Math.Min(BatchedStream.FirstBatchRecords, limits.ChunkMaxRecords) : limits.ChunkMaxRecords;
            if (report.TakeFlush() || formatter.RecordCount >= recordLimit || formatter.ByteCount >= limits.ChunkMaxBytes)
            {
                first = false;
                yield return formatter.CompleteUtf8();
            }
        }

        if (formatter.RecordCount > 0)
        {
            yield return formatter.CompleteUtf8();
        }
    }

    // The traditional path makes only the request's slice; the others make the run in index order, and a partition keeps
    // its slice of it (same records, because each path is deterministic for a seed).
    /// <summary>The generator's records within the request's slice of the run.</summary>
    public static async IAsyncEnumerable<DataRecord> RecordsOf(IRecordGenerator generator, GenerationRequest request, GenerationReport report, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = generator.GenerateAsync(request, report, cancellationToken);
        if (!request.IsPartition || generator is TraditionalGenerator)
        {
            await foreach (var record in records.WithCancellation(cancellationToken))
            {
                yield return record;
            }

            yield break;
        }

        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            var index = record.TryGetValue(DataRecord.IndexField, out var value) && value is long l ? l : -1;
            if (index >= request.End)
            {
                yield break;
            }

            if (index >= request.First)
            {
                yield return record;
            }
        }
    }
}
