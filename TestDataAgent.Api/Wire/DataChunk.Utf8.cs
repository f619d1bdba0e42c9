using TestDataAgent.Generators.Output;

namespace TestDataAgent.Contracts.V1;

/// <summary>The server's <c>DataChunk</c> carries its <c>data</c> as UTF-8 bytes; see <see cref="Api.Wire.PreEncodedMarshallers"/>.</summary>
public sealed partial class DataChunk
{
    /// <summary>
    /// The <c>data</c> field's UTF-8 (a pooled chunk, valid until the write completes), written to the wire as it is in
    /// place of <see cref="Data"/> (which stays empty). Not part of the message's equality, cloning or JSON form.
    /// </summary>
    internal Utf8Chunk? Utf8Data { get; set; }
}
