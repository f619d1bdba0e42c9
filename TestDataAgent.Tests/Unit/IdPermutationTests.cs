using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Tests.Unit;

public sealed class IdPermutationTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(10UL)]
    [InlineData(1000UL)]
    [InlineData(100_000UL)]
    public void MapsEveryIndexToADistinctValueInRange(ulong size)
    {
        var permutation = new IdPermutation(size, key: 12345);

        var values = Enumerable.Range(0, (int)size).Select(i => permutation.Map((ulong)i)).ToList();

        Assert.All(values, v => Assert.InRange(v, 0UL, size - 1));
        Assert.Equal((int)size, values.Distinct().Count());
    }

    [Fact]
    public void DifferentKeysGiveDifferentOrders()
    {
        var a = new IdPermutation(10_000_000, key: 1);
        var b = new IdPermutation(10_000_000, key: 2);

        Assert.NotEqual(Enumerable.Range(0, 10).Select(i => a.Map((ulong)i)), Enumerable.Range(0, 10).Select(i => b.Map((ulong)i)));
    }

    [Fact]
    public void RefusesAnIndexOutsideTheDomain()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdPermutation(10, key: 1).Map(10));
    }
}
