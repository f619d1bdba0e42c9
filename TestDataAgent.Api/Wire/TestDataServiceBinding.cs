using Grpc.Core;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Api.Wire;

/// <summary>
/// How <c>MapGrpcService</c> binds <see cref="Services.TestDataGrpcService"/> (named by its <c>[BindServiceMethod]</c>,
/// which Grpc.AspNetCore and JSON transcoding both look up): the generated binding, with
/// <see cref="PreEncodedMarshallers"/> for the responses that carry records. Same methods, paths, handlers and
/// descriptors, so reflection, transcoding and every client see the same service.
/// </summary>
public static class TestDataServiceBinding
{
    /// <summary>The service's descriptor: JSON transcoding reads it from the type that declares the bind method.</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => TestDataService.Descriptor;

    public static void BindService(ServiceBinderBase serviceBinder, TestDataService.TestDataServiceBase? serviceImpl) =>
        TestDataService.BindService(new PreEncodingBinder(serviceBinder), serviceImpl);

    private sealed class PreEncodingBinder(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(PreEncodedMarshallers.For(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(PreEncodedMarshallers.For(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);
    }
}
