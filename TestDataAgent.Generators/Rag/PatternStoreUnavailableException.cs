namespace TestDataAgent.Generators.Rag;

/// <summary>The pattern store failed while recording: nothing was stored, and the caller may send the same patterns again.</summary>
public sealed class PatternStoreUnavailableException(string message, Exception inner) : Exception(message, inner);
