using System.Text;
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

    // A name is first looked for where the last record at its depth had it: records of different shapes one after the
    // other, the same name at different places and depths, nesting deeper and records wider than that memory, must
    // all still be written as the writer writes each name.
    [Fact]
    public void NamesAtEveryDepthAndPlaceAreRightWhateverCameBefore()
    {
        var records = new List<DataRecord>();
        for (var shape = 0; shape < 6; shape++)
        {
            var wide = new DataRecord();
            for (var i = 0; i < 70 + shape; i++)
            {
                wide[$"w{(i + shape) % 75}"] = i;
            }

            var deep = new DataRecord { ["leaf"] = shape };
            for (var depth = 0; depth < 10 + shape; depth++)
            {
                deep = new DataRecord { [depth % 2 == 0 ? "a" : "b"] = deep, ["leaf"] = depth };
            }

            records.Add(new DataRecord
            {
                [shape % 2 == 0 ? "a" : "b"] = shape,
                [shape % 2 == 0 ? "b" : "a"] = new DataRecord { ["a"] = 1L, ["quote\"d"] = "x" },
                ["list"] = new List<object?> { new DataRecord { ["b"] = 2L, ["a"] = 3L }, new List<object?> { new DataRecord { ["a"] = 4L } }, "s" },
                ["wide"] = wide,
                ["deep"] = deep,
            });
        }

        // Each shape after every other, twice over.
        foreach (var record in records.Concat(records.AsEnumerable().Reverse()).Concat(records))
        {
            Assert.Equal(Direct(record), RecordJson.ToJson(record));
        }
    }

    // What the writer makes with each name given as text, all the way down.
    private static string Direct(DataRecord record) => WriterOracle.ToJson(record);
}
