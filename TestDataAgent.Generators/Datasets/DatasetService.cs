using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Catalog;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Datasets;

/// <summary>
/// <c>GenerateDataset</c>: validates the graph (refusing it before the first chunk), then streams the tables parents
/// first, each table's rows in key order, in chunks of <see cref="DatasetOptions.ChunkRows"/> rows of one table. SQL
/// starts with a chunk (table empty) that creates every table. The summary rides on the final chunk. Memory does not grow
/// with the dataset: rows are made from their keys and written as they are made.
/// </summary>
public sealed partial class DatasetService(DatasetPlanner planner, ThemeCatalog catalog, RecordValidator validator, IOptions<DatasetOptions> options,
    ILogger<DatasetService> logger)
{
    private const int CancellationCheckEvery = 256;

    /// <exception cref="InvalidRequestException">The request is refused; nothing has been written.</exception>
    public async Task<DatasetSummary> StreamAsync(DatasetRequestInput input, Func<DatasetChunk, Task> write, CancellationToken cancellationToken)
    {
        DatasetPlan plan;
        DatasetRows rows;
        try
        {
            plan = planner.Plan(input);
            rows = new DatasetRows(plan, catalog, validator, cancellationToken);
        }
        catch (InvalidRequestException ex)
        {
            LogRejected(ex.Field, ex.Message);
            throw;
        }

        var coherence = new DatasetCoherence(rows);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var index = 0;
        (string Table, string Data)? pending = plan.Format == DataFormat.Sql ? ("", DatasetSqlSchema.Create(plan.Tables, plan.SqlDialect)) : null;

        async Task Emit(string table, string data)
        {
            if (pending is { } previous)
            {
                await write(new DatasetChunk(previous.Table, previous.Data, index++, false, null));
            }

            pending = (table, data);
        }

        foreach (var table in plan.Tables)
        {
            // SQL's DDL for every table came first; CSV's header comes once per table.
            using var formatter = ChunkFormatter.Create(plan.Format, table.OutputSchema, preamble: plan.Format != DataFormat.Sql, dialect: plan.SqlDialect);
            var made = 0L;
            foreach (var key in rows.Keys.Keys(table))
            {
                if (made % CancellationCheckEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var row = rows.Row(table, key);
                row[DataRecord.IndexField] = made++;
                coherence.Check(table, key, row);
                formatter.Add(row);
                if (formatter.RecordCount == options.Value.ChunkRows)
                {
                    await Emit(table.Name, formatter.Complete());
                }
            }

            if (formatter.RecordCount > 0)
            {
                await Emit(table.Name, formatter.Complete());
            }

            counts[table.Name] = made;
        }

        var summary = new DatasetSummary(counts, coherence.Orphans, plan.Warnings, plan.Seed, plan.ReferenceTime, coherence.Score);
        var last = pending ?? (plan.Tables[^1].Name, "");
        await write(new DatasetChunk(last.Table, last.Data, index, true, summary));
        var total = 0L;
        foreach (var count in counts.Values)
        {
            total += count;
        }

        LogGenerated(total, counts.Count, plan.Seed, summary.OrphanCount, summary.CoherenceScore);
        return summary;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated a dataset of {Rows} rows in {Tables} tables (seed {Seed}): {Orphans} orphans, coherence {Coherence}")]
    private partial void LogGenerated(long rows, int tables, long seed, long orphans, float coherence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected GenerateDataset: {Field}: {Reason}")]
    private partial void LogRejected(string field, string reason);
}
