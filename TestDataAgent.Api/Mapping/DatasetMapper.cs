using System.Globalization;
using Google.Protobuf.Collections;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Requests;
using DomainChunk = TestDataAgent.Generators.Datasets.DatasetChunk;
using WireChunk = TestDataAgent.Contracts.V1.DatasetChunk;
using WireSummary = TestDataAgent.Contracts.V1.DatasetSummary;
using WireTable = TestDataAgent.Contracts.V1.DatasetTable;

namespace TestDataAgent.Api.Mapping;

/// <summary>Maps <c>GenerateDataset</c> between the wire and the domain; the domain validates, once.</summary>
internal static class DatasetMapper
{
    public static DatasetRequestInput ToInput(GenerateDatasetRequest request) => new()
    {
        RequestId = request.RequestId,
        Domain = request.Domain,
        Preset = request.Preset,
        Tables = [.. request.Tables.Select(ToTable)],
        OutputFormat = (int)request.OutputFormat,
        Seed = request.HasSeed ? request.Seed : null,
        ReferenceTime = request.ReferenceTime,
        Locale = request.Locale,
        SqlDialect = request.SqlDialect,
    };

    public static WireChunk ToChunk(string requestId, DomainChunk chunk)
    {
        var wire = new WireChunk { RequestId = requestId, Table = chunk.Table, Data = chunk.Data, ChunkIndex = chunk.Index, IsFinal = chunk.IsFinal };
        if (chunk.Summary is { } summary)
        {
            wire.Summary = new WireSummary
            {
                OrphanCount = summary.OrphanCount,
                Seed = summary.Seed,
                ReferenceTime = summary.ReferenceTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                CoherenceScore = summary.CoherenceScore,
            };
            foreach (var (table, rows) in summary.RowCounts)
            {
                wire.Summary.RowCounts[table] = rows;
            }

            wire.Summary.Warnings.Add(summary.Warnings);
        }

        return wire;
    }

    internal static DatasetTableInput ToTable(WireTable table) => new()
    {
        Name = table.Name,
        Entity = table.Entity,
        Count = table.Count,
        Parent = table.Parent,
        MinPerParent = table.MinPerParent,
        MaxPerParent = table.MaxPerParent,
        Distribution = table.Distribution,
        Constraints = RequestMapper.ToConstraints(table.Constraints),
        Scenarios = ToScenarios(table.Scenarios),
        InlineSchema = table.InlineSchema,
        CustomSchema = table.CustomSchema,
    };

    private static List<ScenarioInput> ToScenarios(RepeatedField<Scenario> scenarios) =>
        [.. scenarios.Select(s => new ScenarioInput(s.Name, s.Count, new Dictionary<string, string>(s.Overrides), s.Description))];
}
