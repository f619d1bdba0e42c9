using System.Text;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Mcp;

namespace TestDataAgent.Tests.Mcp;

/// <summary>An answer cut to its byte budget ends at a record boundary of its format, whatever the quoted text holds.</summary>
public sealed class InlineRecordsTests
{
    [Fact]
    public void CsvKeepsItsHeaderAndALineBreakInsideAQuotedCellStaysInItsRow()
    {
        const string header = "id,note\r\n";
        const string row1 = "1,\"two\r\nlines\"\r\n";
        const string row2 = "2,plain\r\n";
        var records = new InlineRecords(DataFormat.Csv, new InlineBudget(header.Length + row1.Length + 3));

        var more = records.Add(Encoding.UTF8.GetBytes(header + row1 + row2));

        Assert.False(more);
        Assert.Equal(1, records.Records);
        Assert.Equal(header + row1, records.Text());
    }

    [Fact]
    public void SqlKeepsItsCreateTableAndAStatementEndInsideAQuotedStringStaysInItsStatement()
    {
        const string create = "CREATE TABLE IF NOT EXISTS \"t\" (\n  \"a\" TEXT\n);\n";
        const string insert1 = "INSERT INTO \"t\" (\"a\") VALUES ('x);\nINSERT ''z''');\n";
        const string insert2 = "INSERT INTO \"t\" (\"a\") VALUES ('w');\n";
        var records = new InlineRecords(DataFormat.Sql, new InlineBudget(create.Length + insert1.Length + insert2.Length));

        var more = records.Add(Encoding.UTF8.GetBytes(create + insert1 + insert2));

        Assert.True(more);
        Assert.Equal(2, records.Records);
        Assert.Equal(create + insert1 + insert2, records.Text());
    }

    [Fact]
    public void JsonChunksBecomeOneArrayCutBeforeTheFirstRecordThatDoesNotFit()
    {
        var records = new InlineRecords(DataFormat.Json, new InlineBudget("[{\"a\":1},{\"a\":2}]".Length + 2));

        Assert.True(records.Add("[{\"a\":1}]"u8));
        Assert.False(records.Add("[{\"a\":2},{\"a\":\"]3\"}]"u8));

        Assert.Equal(2, records.Records);
        Assert.Equal("[{\"a\":1},{\"a\":2}]", records.Text());
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(-1, 1)]
    public void TheBracketsAndCommasOfAJsonAnswerCountAgainstItsBudget(int slack, int expected)
    {
        const string whole = "[{\"a\":1},{\"a\":2}]";
        var records = new InlineRecords(DataFormat.Json, new InlineBudget(whole.Length + slack));

        records.Add(Encoding.UTF8.GetBytes(whole));

        Assert.Equal(expected, records.Records);
        Assert.InRange(Encoding.UTF8.GetByteCount(records.Text()), 1, whole.Length + slack);
    }

    [Fact]
    public void NdjsonIsCutAtALine()
    {
        var records = new InlineRecords(DataFormat.Ndjson, new InlineBudget(20));

        Assert.False(records.Add("{\"a\":\"x\"}\n{\"a\":\"y\"}\n{\"a\":\"z\"}\n"u8));

        Assert.Equal(2, records.Records);
        Assert.Equal("{\"a\":\"x\"}\n{\"a\":\"y\"}\n", records.Text());
    }
}
