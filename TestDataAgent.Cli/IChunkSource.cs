namespace TestDataAgent.Cli;

/// <summary>Where <c>testdata generate</c> gets its bytes: this process, one service, or several services' partitions.</summary>
internal interface IChunkSource
{
    /// <summary>
    /// Hands each chunk of records to <paramref name="write"/>, in order, and returns the error a stream ended with
    /// part-way (its final <c>{"error": …}</c> chunk), or <see langword="null"/> when it ended well. A request refused
    /// before the first chunk throws (<c>InvalidRequestException</c> embedded, <c>RpcException</c> from a service).
    /// </summary>
    Task<string?> StreamAsync(Func<ReadOnlyMemory<byte>, Task> write, CancellationToken cancellationToken);
}
