using Bogus;
using Bogus.DataSets;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// The lock-free <see cref="RecordRandomizer"/> must draw exactly what Bogus's <see cref="Randomizer"/> draws from the
/// same sequence: it replaced Bogus's on the generator's hot path, and a seed's bytes are pinned
/// (<c>Determinism/seeded-ndjson.sha256</c>). Each pair below starts two sources at the same (seed, index).
/// </summary>
public sealed class RecordRandomizerTests
{
    private static (RecordRandomizer Ours, Randomizer Bogus) Pair(long index)
    {
        var ours = new RecordRandom(42);
        var theirs = new RecordRandom(42);
        ours.Restart(42, index, 0);
        theirs.Restart(42, index, 0);
        return (new RecordRandomizer(ours), new RecordRandomizer(theirs).Bogus);
    }

    [Fact]
    public void EveryDrawEqualsBogusDrawFromTheSameSequence()
    {
        string[] items = ["a", "b", "c", "d", "e"];
        float[] weights = [0.1f, 0.2f, 0.3f, 0.15f, 0.25f];
        for (var index = 0; index < 500; index++)
        {
            var (ours, bogus) = Pair(index);
            Assert.Equal(bogus.Number(), ours.Number());
            Assert.Equal(bogus.Number(7), ours.Number(7));
            Assert.Equal(bogus.Number(-5, 1_000_000), ours.Number(-5, 1_000_000));
            Assert.Equal(bogus.Number(3, int.MaxValue), ours.Number(3, int.MaxValue));
            Assert.Equal(bogus.Number(int.MinValue, int.MaxValue), ours.Number(int.MinValue, int.MaxValue));
            Assert.Equal(bogus.Double(), ours.Double());
            Assert.Equal(bogus.Double(2.5, 99.75), ours.Double(2.5, 99.75));
            Assert.Equal(bogus.Float(1f, 3f), ours.Float(1f, 3f));
            Assert.Equal(bogus.Long(-3_000_000_000L, 9_000_000_000L), ours.Long(-3_000_000_000L, 9_000_000_000L));
            Assert.Equal(bogus.Long(), ours.Long());
            Assert.Equal(bogus.Bool(), ours.Bool());
            Assert.Equal(bogus.Bool(0.3f), ours.Bool(0.3f));
            Assert.Equal(bogus.WeightedRandom(items, weights), ours.WeightedRandom(items, weights));
            Assert.Equal(bogus.ArrayElement(items), ours.ArrayElement(items));
            Assert.Equal(bogus.ListItem<string>(items), ours.ListItem<string>(items));
            Assert.Equal(bogus.Guid(), ours.Guid());
        }
    }

    [Fact]
    public void DataSetItemsEqualBogusDataSetsDrawingFromTheSameSequence()
    {
        for (var index = 0; index < 500; index++)
        {
            var (ours, bogus) = Pair(index);
            var name = new Name("en") { Random = bogus };
            var address = new Address("en") { Random = bogus };
            var lorem = new Lorem("en") { Random = bogus };
            Assert.Equal(name.FirstName(), ours.DataSetItem(BogusList.FirstNames));
            Assert.Equal(name.LastName(), ours.DataSetItem(BogusList.LastNames));
            Assert.Equal(address.StateAbbr(), ours.DataSetItem(BogusList.StateAbbreviations));
            Assert.Equal(lorem.Word(), ours.DataSetItem(BogusList.Words));
        }
    }

    // Long scales a draw in integers where decimal arithmetic would round nothing, and in decimals elsewhere: both must
    // give Bogus's formula's result (or its exception) for every draw and range, at the edges of the integer path too.
    [Fact]
    public void LongScalesEveryDrawAsBogusFormulaDoes()
    {
        long[] bounds =
        [
            0, 1, -1, 2, 9, 10, 59, 3600, 86_400, 31_536_000, 9_999_999, 1L << 31, 1L << 45, (1L << 46) - 1, 1L << 46, (1L << 46) + 1,
            1L << 52, 1_000_000_000_000_000, long.MaxValue, long.MaxValue - 1, -3_600, -(1L << 46), -1_000_000_000_000_000, long.MinValue, long.MinValue + 1,
        ];
        var random = new Random(1203);
        var draws = new List<double> { 0.0, 0.5, 0.25, 0.125, 1e-20, 1e-5, 0.999999999999999, 1.0 - Math.Pow(2, -53), double.Epsilon, 0.1, 0.7, 0.45 };
        for (var i = 0; i < 300; i++)
        {
            draws.Add(random.NextDouble());
            draws.Add(random.NextDouble() * Math.Pow(10, -random.Next(1, 25)));
        }

        var checks = 0;
        foreach (var draw in draws)
        {
            foreach (var min in bounds)
            {
                foreach (var max in bounds)
                {
                    foreach (var (lo, hi) in new[] { (min, max), (min, min + (max & 0xFFFF)), (-min, max) })
                    {
                        Assert.Equal(Expected(draw, lo, hi), Actual(draw, lo, hi));
                        checks++;
                    }
                }
            }
        }

        Assert.True(checks > 1_000_000, $"{checks} checks");

        for (var index = 0; index < 2_000; index++)
        {
            var (ours, bogus) = Pair(index);
            var lo = random.NextInt64(-1_000_000_000, 1_000_000_000);
            var hi = lo + random.NextInt64(0, 1L << random.Next(1, 50));
            Assert.Equal(bogus.Long(lo, hi), ours.Long(lo, hi));
            Assert.Equal(bogus.Long(0, 31_536_000), ours.Long(0, 31_536_000));
        }

        static string Expected(double draw, long min, long max)
        {
            try
            {
                return Convert.ToInt64(((decimal)draw * ((decimal)max - min)) + min).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                return "overflow";
            }
        }

        static string Actual(double draw, long min, long max)
        {
            try
            {
                return RecordRandomizer.Scaled(draw, min, max).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                return "overflow";
            }
        }
    }

    [Fact]
    public void BogusListsHoldTheirDataSets()
    {
        Assert.True(BogusList.FirstNames.Items.Length > 1000);
        Assert.True(BogusList.LastNames.Items.Length > 100);
        Assert.Contains("CA", BogusList.StateAbbreviations.Items);
        Assert.True(BogusList.Words.Items.Length > 100);
    }
}
