using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Datasets.Checking;
using TestDataAgent.Generators.Generation;
using WireViolation = TestDataAgent.Contracts.V1.DatasetViolation;

namespace TestDataAgent.Api.Mapping;

/// <summary>Maps <c>ValidateDataset</c> between the wire and the domain; the domain validates, once.</summary>
internal static class DatasetCheckMapper
{
    public static DatasetCheckInput ToInput(ValidateDatasetRequest request) => new()
    {
        Graph = new DatasetRequestInput
        {
            RequestId = request.RequestId,
            Domain = request.Domain,
            Preset = request.Preset,
            Tables = [.. request.Tables.Select(DatasetMapper.ToTable)],
            ReferenceTime = request.ReferenceTime,
        },
        Data = new Dictionary<string, string>(request.Data, StringComparer.Ordinal),
        Format = (DataFormat)request.Format,
    };

    public static ValidateDatasetResponse ToResponse(DatasetCheckReport report)
    {
        var response = new ValidateDatasetResponse
        {
            Valid = report.Valid,
            OrphanCount = report.OrphanCount,
            ViolationCount = report.ViolationCount,
            CoherenceScore = report.CoherenceScore,
        };
        foreach (var (table, rows) in report.RowCounts)
        {
            response.RowCounts[table] = rows;
        }

        response.Violations.Add(report.Violations.Select(v => new WireViolation { Table = v.Table, Row = v.Row, Field = v.Field, Rule = v.Rule, Message = v.Message }));
        response.Warnings.Add(report.Warnings);
        return response;
    }
}
