using System.Buffers;
using System.Data.Common;
using System.Text;
using TestDataAgent.Client.Seeding;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Client;

public sealed partial class TestDataSeeder
{
    /// <summary>
    /// Reads the NDJSON stream and writes its rows, batch by batch (a transaction each, never two tables in one), parents
    /// first as the stream sends them. Returns the rows written per table and the dataset's summary.
    /// </summary>
    private async Task<(Dictionary<string, long> Rows, DatasetSummary Summary)> WriteRowsAsync(SeedDatabase database, string runId,
        Dictionary<string, TableMapping> mappings, GenerateDatasetRequest request, SeedOptions options, CancellationToken ct)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        TableMapping? current = null;
        NdjsonRowReader? reader = null;
        DbTransaction? transaction = null;
        SeedBatch? batch = null;
        var batchRows = 0;
        DatasetSummary? summary = null;
        long total = 0;
        var utf8 = Array.Empty<byte>();

        async Task FlushAsync()
        {
            if (batch is null || transaction is null)
            {
                return;
            }

            await batch.CompleteAsync(ct);
            await batch.DisposeAsync();
            batch = null;
            await transaction.CommitAsync(ct);
            await transaction.DisposeAsync();
            transaction = null;
            total += batchRows;
            rows[current!.Table] = rows.GetValueOrDefault(current.Table) + batchRows;
            options.Progress?.Report(new SeedProgress(runId, current.Table, rows[current.Table], total));
            batchRows = 0;
        }

        try
        {
            await foreach (var chunk in _source.ReadRowsAsync(request, ct))
            {
                if (chunk.Table.Length > 0 && chunk.Data.Length > 0)
                {
                    if (!mappings.TryGetValue(chunk.Table, out var mapping))
                    {
                        throw new SeedMappingException(chunk.Table, null, "the stream has rows of a table the dataset's DDL did not create");
                    }

                    if (!ReferenceEquals(mapping, current))
                    {
                        await FlushAsync();
                        current = mapping;
                        reader = new NdjsonRowReader(mapping, database.TemporalsAsText);
                    }

                    // The rows are read from their UTF-8 bytes; one buffer, grown as chunks need, serves the whole stream.
                    var length = Encoding.UTF8.GetMaxByteCount(chunk.Data.Length);
                    if (utf8.Length < length)
                    {
                        Return(utf8);
                        utf8 = ArrayPool<byte>.Shared.Rent(length);
                    }

                    var data = utf8.AsMemory(0, Encoding.UTF8.GetBytes(chunk.Data, utf8));
                    for (var start = 0; start < data.Length;)
                    {
                        var end = data.Span[start..].IndexOf((byte)'\n');
                        end = end < 0 ? data.Length : start + end;
                        var line = data[start..end];
                        start = end + 1;
                        if (line.Span.Trim(" \t\r"u8).IsEmpty)
                        {
                            continue;
                        }

                        if (batch is null)
                        {
                            transaction = await database.Connection.BeginTransactionAsync(ct);
                            batch = await database.BeginBatchAsync(transaction, runId, mapping, ct);
                        }

                        reader!.Read(line.Span, rows.GetValueOrDefault(mapping.Table) + batchRows);
                        batch.Add(reader.Values);
                        batchRows++;
                        if (batchRows >= options.BatchRows)
                        {
                            await FlushAsync();
                        }
                    }
                }

                summary = chunk.Summary ?? summary;
            }

            await FlushAsync();
        }
        finally
        {
            // A batch left open by an exception: its COPY is cancelled and its transaction rolled back.
            if (batch is not null)
            {
                await batch.DisposeAsync();
            }

            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            Return(utf8);
        }

        return (rows, summary ?? throw new InvalidOperationException("The dataset stream ended without its final chunk (no summary)."));
    }

    private static void Return(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
