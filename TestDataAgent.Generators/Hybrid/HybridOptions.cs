
namespace TestDataAgent.Generators.Hybrid;

/// <summary>The hybrid path's settings (section <c>Hybrid</c>).</summary>
public sealed class HybridOptions
{
    public const string SectionName = "Hybrid";

    /// <summary>Stored patterns put into each prompt as examples.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 20)]
    public int Examples { get; set; } = 4;
}
