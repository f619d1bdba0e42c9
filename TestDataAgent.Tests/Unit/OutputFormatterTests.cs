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

    public static TheoryData<string> Entities => new(TestRequests.AllEntities);

    private static readonly string[] s_hostile =
    [
        "O'Brien", "Robert'); DROP TABLE students;--", "line one\nline two\r\nline three", "tab\there", "emoji 🎉 and ünïcödé",
        "back\\slash \\' \\\"", "\"double\" quotes, and a comma", "", "   padded   ", "مرحبا بالعالم", "a\u0001control",
    ];

    [Theory]
    [MemberData(nameof(Entities))]
    public void SqlCreatesItsTableAndEveryStringRoundTripsThroughSqlite(string entity)
    {
        var schema = TestRequests.Registry.List().Single(s => s.Name == entity);
        var records = TestRequests.Generate(entity, 60);
        for (var i = 0; i < records.Count; i++)
        {
            records[i][DataRecord.ScenarioField] = s_hostile[i % s_hostile.Length];
        }

        using var formatter = ChunkFormatter.Create(DataFormat.Sql, schema);
        records.Take(30).ToList().ForEach(formatter.Add);
        var first = formatter.Complete();
        records.Skip(30).ToList().ForEach(formatter.Add);
        var second = formatter.Complete();

        Assert.StartsWith($"CREATE TABLE IF NOT EXISTS \"{entity}\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE TABLE", second, StringComparison.Ordinal);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, first + second);

        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT \"_scenario\", \"_index\" FROM \"{entity}\" ORDER BY \"_index\"";
        using var reader = read.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            Assert.Equal(s_hostile[rows % s_hostile.Length], reader.GetString(0));
            Assert.Equal(rows, reader.GetInt64(1));
            rows++;
        }

        Assert.Equal(60, rows);
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public void CsvLoadsInACsvParserWithNestedValuesAsJson(string entity)
    {
        var schema = TestRequests.Registry.List().Single(s => s.Name == entity);
        var records = TestRequests.Generate(entity, 40);
        for (var i = 0; i < records.Count; i++)
        {
            records[i][DataRecord.ScenarioField] = s_hostile[i % s_hostile.Length];
        }

        using var formatter = ChunkFormatter.Create(DataFormat.Csv, schema);
        records.Take(15).ToList().ForEach(formatter.Add);
        var text = formatter.Complete();
        records.Skip(15).ToList().ForEach(formatter.Add);
        text += formatter.Complete();

        using var csv = new CsvHelper.CsvReader(new StringReader(text), System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        Assert.Equal([.. schema.Fields.Select(f => f.Name), "_scenario", "_index"], csv.HeaderRecord!);
        var row = 0;
        while (csv.Read())
        {
            Assert.Equal(s_hostile[row % s_hostile.Length], csv.GetField("_scenario"));
            Assert.Equal(row.ToString(System.Globalization.CultureInfo.InvariantCulture), csv.GetField("_index"));
            foreach (var field in schema.Fields.Where(f => f.Kind is Generators.Schemas.FieldKind.Object or Generators.Schemas.FieldKind.Array))
            {
                var cell = csv.GetField(field.Name)!;
                if (cell.Length > 0)
                {
                    Assert.Equal(RecordJson.ToJson(records[row][field.Name]), JsonDocument.Parse(cell).RootElement.GetRawText());
                }
            }

            row++;
        }

        Assert.Equal(40, row);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
