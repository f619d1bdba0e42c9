namespace TestDataAgent.Generators.Requests;

/// <summary>Hints the generators act on themselves (the router's hints live with the router).</summary>
public static class HintNames
{
    /// <summary>Valid records that sit on the boundaries: min and max values and lengths, unusual but legal text.</summary>
    public const string EdgeCase = "edge_case";
}
