namespace TestDataAgent.Contracts.V1;

/// <summary>The server's <c>GenerateResponse</c> can carry its <c>data</c> as UTF-8 bytes; see <see cref="Api.Wire.PreEncodedMarshallers"/>.</summary>
public sealed partial class GenerateResponse
{
    /// <summary>
    /// The <c>data</c> field's UTF-8, written to the wire as it is in place of <see cref="Data"/> (which stays empty):
    /// binary gRPC only. Not part of the message's equality, cloning or JSON form.
    /// </summary>
    internal ReadOnlyMemory<byte>? Utf8Data { get; set; }
}
