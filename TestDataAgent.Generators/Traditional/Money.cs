namespace TestDataAgent.Generators.Traditional;

/// <summary>Amounts are written with exactly two decimals (23.30, not 23.3), as money is.</summary>
internal static class Money
{
    public static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m;
}
