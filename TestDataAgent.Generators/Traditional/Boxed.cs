namespace TestDataAgent.Generators.Traditional;

/// <summary>Boxes made once: a record's values are objects, and boxing a fresh bool for every field was pure garbage.</summary>
internal static class Boxed
{
    public static readonly object True = true;

    public static readonly object False = false;
}
