using System.ComponentModel;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using TestDataAgent.Generators.Datasets;

namespace TestDataAgent.Mcp;

/// <summary>
/// <c>generate_dataset</c>: related tables (parents first, references that resolve) from <see cref="ITestDataGateway"/>,
/// as <c>GenerateDataset</c> streams them. The tables share one <see cref="McpOptions.MaxInlineBytes"/> budget; the first
/// row that does not fit stops the generation.
/// </summary>
[McpServerToolType]
public sealed class DatasetTool(ITestDataGateway gateway, IOptions<McpOptions> options)
{
    [McpServerTool(Name = "generate_dataset", Title = "Generate a related dataset", ReadOnly = true)]
    [Description("Generates several related tables at once (customers, their orders, the orders' items and payments, …) whose foreign keys resolve, " +
        "from a preset or a list of tables. The same seed gives the same dataset. A large answer is cut to the server's Mcp:MaxInlineBytes " +
        "across the tables and says so, with how to get all of it.")]
    public Task<GeneratedDataset> GenerateDataset(
        [Description("A preset dataset (ecommerce_core), or empty when tables are given")] string preset = "",
        [Description("The tables instead of (or on top of) a preset, parents first: each {name, entity, count, parent, minPerParent, maxPerParent, distribution, constraints, scenarios, overrides, omit}")]
        DatasetTableInput[]? tables = null,
        [Description(ToolArguments.FormatDescription)] string format = "json",
        [Description("Seed: the same seed gives the same dataset; chosen and reported when omitted")] long? seed = null,
        [Description("One locale (de_DE) or a weighted mix (de_DE=60,fr_FR=40); empty for American data")] string locale = "",
        CancellationToken cancellationToken = default) =>
        ToolArguments.Refusing(async () =>
        {
            var dataFormat = ToolArguments.Format(format);
            var input = new DatasetRequestInput
            {
                RequestId = $"mcp-{Guid.NewGuid():N}",
                Preset = preset,
                Tables = tables ?? [],
                OutputFormat = (int)dataFormat,
                Seed = ToolArguments.Seed(seed),
                Locale = locale,
            };
            var budget = new InlineBudget(options.Value.MaxInlineBytes);
            var collected = new List<(string Name, InlineRecords Records)>();
            DatasetSummary? summary = null;
            using var enough = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                summary = await gateway.StreamDatasetAsync(input, chunk =>
                {
                    if (chunk.Data.Length > 0 && !budget.Exhausted)
                    {
                        if (collected.Count == 0 || collected[^1].Name != chunk.Table)
                        {
                            collected.Add((chunk.Table, new InlineRecords(dataFormat, budget)));
                        }

                        if (!collected[^1].Records.Add(System.Text.Encoding.UTF8.GetBytes(chunk.Data)))
                        {
                            enough.Cancel();
                        }
                    }

                    return Task.CompletedTask;
                }, enough.Token);
            }
            catch (OperationCanceledException) when (budget.Exhausted && !cancellationToken.IsCancellationRequested)
            {
            }

            var generated = collected.Select(t => new GeneratedTable(t.Name, t.Records.Text(), t.Records.Records,
                summary?.RowCounts.TryGetValue(t.Name, out var rows) == true ? rows : null)).ToList();
            return new GeneratedDataset(ToolArguments.Name(dataFormat), generated, budget.Exhausted, input.Seed!.Value, budget.Exhausted
                ? $"This answer holds the first rows that fit in the server's Mcp:MaxInlineBytes ({budget.MaxBytes} bytes). The same arguments with seed " +
                  $"{input.Seed.Value} give the same dataset: stream all of it with the GenerateDataset gRPC call (POST /v1/datasets)."
                : null);
        });
}
