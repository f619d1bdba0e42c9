namespace TestDataAgent.Client;

/// <summary>Reported after every committed batch: the table written, its rows so far, and the run's rows so far.</summary>
public sealed record SeedProgress(string RunId, string Table, long TableRows, long TotalRows);
