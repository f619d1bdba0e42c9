namespace TestDataAgent.Client.Seeding;

/// <summary>
/// One table batch being written inside its transaction: rows go to the database as they are added (Npgsql sends its
/// <c>COPY</c> buffer whenever it fills, so the database works while the next rows are read), and their keys are
/// recorded under the run on completion. Disposed without <see cref="CompleteAsync"/>, the rows are abandoned (an
/// unfinished <c>COPY</c> is cancelled) and the transaction's rollback removes them.
/// </summary>
internal abstract class SeedBatch : IAsyncDisposable
{
    /// <summary>Writes one row (values in <see cref="TableMapping.Columns"/> order); the array may be reused afterwards.</summary>
    public abstract void Add(object?[] row);

    /// <summary>Finishes the rows and records their keys; the caller commits.</summary>
    public abstract Task CompleteAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}
