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

    [Fact]
    public void BogusListsHoldTheirDataSets()
    {
        Assert.True(BogusList.FirstNames.Items.Length > 1000);
        Assert.True(BogusList.LastNames.Items.Length > 100);
        Assert.Contains("CA", BogusList.StateAbbreviations.Items);
        Assert.True(BogusList.Words.Items.Length > 100);
    }
}
