using System.Text.Json;
using Microsoft.Data.Sqlite;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

public sealed class OutputFormatterTests
{
    [Fact]
    public void JsonChunksAreArraysThatParse()
    {
        var records = TestRequests.Generate("order", 30);
        using var formatter = ChunkFormatter.Create(DataFormat.Json, TestRequests.Registry.List().Single(s => s.Name == "order"));
        records.ForEach(formatter.Add);

        using var document = JsonDocument.Parse(formatter.Complete());

        Assert.Equal(30, document.RootElement.GetArrayLength());
        Assert.Equal("[]", formatter.Complete());
    }

    [Fact]
    public void NdjsonHasOneObjectPerLine()
    {
        var records = TestRequests.Generate("user", 12);
        using var formatter = ChunkFormatter.Create(DataFormat.Ndjson, TestRequests.Registry.List().Single(s => s.Name == "user"));
        records.ForEach(formatter.Add);

        var lines = formatter.Complete().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(12, lines.Length);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
    }

    [Fact]
    public void CsvQuotesWhatNeedsQuotingAndWritesTheHeaderOnce()
    {
        var schema = TestRequests.Registry.List().Single(s => s.Name == "review");
        using var formatter = ChunkFormatter.Create(DataFormat.Csv, schema);
        var record = TestRequests.Generate("review", 1)[0];
        record["body"] = "He said \"great\", then left.\nNew line";
        formatter.Add(record);
        var first = formatter.Complete();
        formatter.Add(record);
        var second = formatter.Complete();

        Assert.StartsWith("review_id,product_id,user_id,rating,title,body,verified_purchase,helpful_votes,created_at,_scenario,_index\r\n", first, StringComparison.Ordinal);
        Assert.Contains("\"He said \"\"great\"\", then left.\nNew line\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("review_id", second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cart")]
    [InlineData("order")]
    [InlineData("payment")]
    [InlineData("product")]
    [InlineData("review")]
    [InlineData("user")]
    public void SqlInsertsRunInSqlite(string entity)
    {
        var schema = TestRequests.Registry.List().Single(s => s.Name == entity);
        var records = TestRequests.Generate(entity, 50);
        records[0][DataRecord.ScenarioField] = "O'Brien; DROP TABLE x; --";
        using var formatter = ChunkFormatter.Create(DataFormat.Sql, schema);
        records.ForEach(formatter.Add);
        var sql = formatter.Complete();

        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var columns = string.Join(", ", schema.Fields.Select(f => $"\"{f.Name}\"").Append("\"_scenario\"").Append("\"_index\""));
        Execute(connection, $"CREATE TABLE \"{entity}\" ({columns});");
        Execute(connection, sql);

        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM \"{entity}\"";
        Assert.Equal(50L, (long)count.ExecuteScalar()!);
        count.CommandText = $"SELECT \"_scenario\" FROM \"{entity}\" WHERE \"_index\" = 0";
        Assert.Equal("O'Brien; DROP TABLE x; --", count.ExecuteScalar());
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
