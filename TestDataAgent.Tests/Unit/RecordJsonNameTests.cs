using System.Text;
using System.Text.Json;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// Record keys are written from a per-thread table of pre-encoded names; the bytes must be those the writer makes from
/// the name itself, for names that need escaping, names that arrive as new strings every time, and past the table's size.
/// </summary>
public sealed class RecordJsonNameTests
{
    [Theory]
    [InlineData("user_id")]
    [InlineData("quote\"d")]
    [InlineData("back\\slash")]
    [InlineData("naïve_größe")]
    [InlineData("<script>&'")]
    [InlineData("tab\there")]
    [InlineData("emoji_😀")]
    [InlineData("")]
    public void ANameIsWrittenAsTheWriterWritesIt(string name)
    {
        var record = new DataRecord { [name] = 1L };

        Assert.Equal(Direct(record), RecordJson.ToJson(record));
        // Again, from the table this time.
        Assert.Equal(Direct(record), RecordJson.ToJson(record));
    }

    [Fact]
    public void NamesMadeAfreshEveryTimeAndPastTheTablesSizeAreStillRight()
    {
        for (var i = 0; i < 3_000; i++)
        {
            // A new string instance each time, as a model's record or a parsed file gives.
            var name = new StringBuilder("field_").Append(i % 1_500).Append("_é\"").ToString();
            var record = new DataRecord { [name] = "v", ["fixed"] = true };
            Assert.Equal(Direct(record), RecordJson.ToJson(record));
        }
    }

    private static string Direct(DataRecord record)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, RecordJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in record)
            {
                writer.WritePropertyName(key);
                RecordJson.WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
