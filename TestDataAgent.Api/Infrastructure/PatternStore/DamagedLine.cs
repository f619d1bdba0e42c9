namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>A line of a pattern log that could not be used, as found: its 1-based number, byte offset, why, and its bytes.</summary>
internal sealed record DamagedLine(int Number, long Offset, string Reason, byte[] Bytes, bool IsTail);
