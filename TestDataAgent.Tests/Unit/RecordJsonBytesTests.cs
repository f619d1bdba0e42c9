using System.Globalization;
using System.Text;
using System.Text.Json;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// Records are written straight into the output buffer, not through <see cref="Utf8JsonWriter"/>; the bytes must be the
/// writer's, with <see cref="RecordJson.WriterOptions"/>, for every value the record model holds: every UTF-16 code unit,
/// surrogate pairs and lone surrogates, long and short text, integers and decimals at their limits and every scale,
/// doubles, nesting, and the writer's depth limit. The oracle is <see cref="WriterOracle"/>, which only calls the writer.
/// </summary>
public sealed class RecordJsonBytesTests
{
    [Fact]
    public void EveryCharacterAloneAndBetweenLettersIsWrittenAsTheWriterWritesIt()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var one = ((char)c).ToString();
            AssertSame(one);
            AssertSame($"ab{one}cd");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain ascii with spaces, digits 0123 and ~`!@#$%^&*()_+-=[]{}|;:',.<>/?")]
    [InlineData("quote \" and backslash \\ and tab \t and newline \n")]
    [InlineData("ünïcödé Müller José Øresund")]
    [InlineData("日本語のテキスト 東京都")]
    [InlineData("emoji 😀👍🏽 and a flag 🇩🇪")]
    [InlineData("\ud800 lone high, lone low \udc00, reversed \udc00\ud800")]
    [InlineData("line separator \u2028 paragraph \u2029 nbsp \u00a0 bom \ufeff")]
    [InlineData("<script>alert('x')</script> & +qa@example.com")]
    public void TextIsWrittenAsTheWriterWritesIt(string text)
    {
        AssertSame(text);
        AssertSame(new string('a', 5_000) + text + new string('z', 70_000));
    }

    [Fact]
    public void RandomTextIsWrittenAsTheWriterWritesIt()
    {
        var random = new Random(20261203);
        char[] pool = [.. "abcXYZ019 _-.@+<>&'\"\\/\t\n\r\u0000\u001f\u007f\u0080éß中😀\u2028\ufffd"];
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = random.Next(10) == 0 ? (char)random.Next(0, char.MaxValue + 1) : pool[random.Next(pool.Length)];
            }

            AssertSame(new string(chars));
        }
    }

    [Fact]
    public void IntegersAndDecimalsAreWrittenAsTheWriterWritesThem()
    {
        object[] fixedValues =
        [
            0L, 1L, -1L, long.MaxValue, long.MinValue, 0, int.MaxValue, int.MinValue,
            0m, 0.00m, -0.0m, 1.5m, 19.99m, 123.4500m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m,
            -79228162514264337593543950335m, 1e-28m, 100m, 1.0m,
        ];
        foreach (var value in fixedValues)
        {
            AssertSame(value);
        }

        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            AssertSame(random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64));
            AssertSame(new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, (byte)random.Next(29)));
            AssertSame(Math.Round((decimal)(random.NextDouble() * 10_000), random.Next(0, 5)));
        }
    }

    [Fact]
    public void DoublesAreWrittenAsTheWriterWritesThemAndNotANumberIsRefusedAlike()
    {
        double[] values = [0.0, -0.0, 0.1, 1.0 / 3, 1e300, -1e-300, double.Epsilon, double.MaxValue, double.MinValue, 12345.678, 5e-324];
        foreach (var value in values)
        {
            AssertSame(value);
        }

        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            AssertSame(BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : 1.5);
        }

        Assert.Throws<ArgumentException>(() => WriterOracle.ToJson(double.NaN));
        Assert.Throws<ArgumentException>(() => RecordJson.ToJson(double.NaN));
        Assert.Throws<ArgumentException>(() => RecordJson.ToJson(double.PositiveInfinity));
    }

    [Fact]
    public void StructuresAndOtherValuesAreWrittenAsTheWriterWritesThem()
    {
        AssertSame(null);
        AssertSame(true);
        AssertSame(false);
        AssertSame(new DataRecord());
        AssertSame(new List<object?>());
        AssertSame(new List<object?> { null, 1L, "a", new List<object?>(), new DataRecord(), new List<object?> { new DataRecord { ["x"] = null } } });
        AssertSame(new DataRecord
        {
            ["id"] = "USR-0000001",
            ["nested"] = new DataRecord { ["deeper"] = new DataRecord { ["leaf"] = 1.25m, ["flag"] = true } },
            ["items"] = new List<object?> { new DataRecord { ["q"] = 2L, ["p"] = 9.99m }, new DataRecord { ["q"] = 1 } },
            ["when"] = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero),
            ["kind"] = FieldKind.Email,
            ["id2"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            ["ratio"] = 0.25,
        });
    }

    [Fact]
    public void NestingIsRefusedWhereTheWriterRefusesIt()
    {
        AssertSame(Nested(1_000));
        Assert.Throws<InvalidOperationException>(() => WriterOracle.ToJson(Nested(1_001)));
        Assert.Throws<InvalidOperationException>(() => RecordJson.ToJson(Nested(1_001)));
    }

    [Fact]
    public void ChunksOfEveryJsonFormatAreTheWritersBytes()
    {
        var records = Enumerable.Range(0, 7).Select(i => new DataRecord
        {
            ["n"] = (long)i,
            ["name"] = i % 2 == 0 ? $"plain {i}" : $"quoted \"{i}\" ü",
            ["tags"] = new List<object?> { "a", i },
        }).ToList();
        var schema = new EntitySchema { Name = "t", Fields = [] };

        foreach (var count in new[] { 0, 1, 7 })
        {
            using var json = ChunkFormatter.Create(DataFormat.Json, schema);
            using var ndjson = ChunkFormatter.Create(DataFormat.Ndjson, schema);
            foreach (var record in records.Take(count))
            {
                json.Add(record);
                ndjson.Add(record);
            }

            Assert.Equal(WriterOracle.ToJson(records.Take(count).Cast<object?>().ToList()), json.Complete());
            Assert.Equal(string.Concat(records.Take(count).Select(r => WriterOracle.ToJson(r) + "\n")), ndjson.Complete());
        }
    }

    [Fact]
    public void AValueWrittenIntoAWriterIsTheWritersOwn()
    {
        var value = new DataRecord { ["a"] = "x\"y", ["b"] = new List<object?> { 1.5m, 2L } };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, RecordJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("v");
            RecordJson.WriteValue(writer, value);
            writer.WritePropertyName("w");
            RecordJson.WriteValue(writer, "é");
            writer.WriteEndObject();
        }

        Assert.Equal($"{{\"v\":{WriterOracle.ToJson(value)},\"w\":{WriterOracle.ToJson("é")}}}", Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static object Nested(int depth)
    {
        object value = 1L;
        for (var i = 0; i < depth; i++)
        {
            value = i % 2 == 0 ? new List<object?> { value } : new DataRecord { ["n"] = value };
        }

        return value;
    }

    private static void AssertSame(object? value)
    {
        var expected = WriterOracle.ToJson(value);
        var actual = RecordJson.ToJson(value);
        if (expected != actual)
        {
            Assert.Fail($"{Describe(value)}: the writer wrote {expected}, RecordJson wrote {actual}");
        }
    }

    private static string Describe(object? value) => value is string text
        ? $"text [{string.Join(' ', text.Take(40).Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture)))}]"
        : $"{value?.GetType().Name ?? "null"} {value}";
}

/// <summary>What <see cref="Utf8JsonWriter"/> writes for a record value with <see cref="RecordJson.WriterOptions"/>, written through the writer's own calls only.</summary>
internal static class WriterOracle
{
    public static string ToJson(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, RecordJson.WriterOptions))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case decimal d:
                writer.WriteNumberValue(d);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case DataRecord record:
                writer.WriteStartObject();
                foreach (var (key, item) in record)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
