namespace TestDataAgent.Generators.Traditional;

/// <summary>Amounts are written with exactly their currency's decimals (23.30, not 23.3; 2330 yen, not 2330.00), as money is.</summary>
internal static class Money
{
    public static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>The amount with <paramref name="minorUnits"/> decimals (ISO 4217: 2 for most currencies, 0 for JPY).</summary>
    public static decimal Round(decimal value, int minorUnits) => minorUnits switch
    {
        2 => Cents(value),
        0 => Math.Round(value, 0, MidpointRounding.AwayFromZero),
        _ => Math.Round(value, minorUnits, MidpointRounding.AwayFromZero) + new decimal(0, 0, 0, false, (byte)minorUnits),
    };

    /// <summary>Rounded down to <paramref name="minorUnits"/> decimals: an amount that must not exceed its limit.</summary>
    public static decimal Floor(decimal value, int minorUnits)
    {
        var scale = Pow10(minorUnits);
        return Round(Math.Floor(value * scale) / scale, minorUnits);
    }

    /// <summary>Rounded to <paramref name="minorUnits"/> decimals, then moved inside [<paramref name="min"/>, <paramref name="max"/>] by whole units where rounding left it.</summary>
    public static decimal Round(decimal value, int minorUnits, decimal min, decimal max)
    {
        var rounded = Round(value, minorUnits);
        var scale = Pow10(minorUnits);
        if (rounded > max)
        {
            rounded = Round(Math.Floor(max * scale) / scale, minorUnits);
        }

        if (rounded < min)
        {
            rounded = Round(Math.Ceiling(min * scale) / scale, minorUnits);
        }

        return rounded;
    }

    private static decimal Pow10(int digits)
    {
        var value = 1m;
        for (var i = 0; i < digits; i++)
        {
            value *= 10m;
        }

        return value;
    }
}
