using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Access;

/// <summary>
/// TLS from configuration alone (<c>Kestrel:Endpoints</c> with a certificate file), and client certificates as a
/// credential: a gRPC client that verifies the server's self-signed certificate, with a configured client certificate
/// (served), an unknown one (UNAUTHENTICATED) and none (UNAUTHENTICATED). The api also binds loopback when no address is set.
/// </summary>
public sealed class TlsTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("tda-tls");
    private readonly X509Certificate2 _server = SelfSigned("CN=localhost", server: true);
    private readonly X509Certificate2 _client = SelfSigned("CN=robot", server: false);
    private readonly X509Certificate2 _stranger = SelfSigned("CN=stranger", server: false);
    private ApiHost _host = null!;
    private Uri _tlsAddress = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory.Path);
        var pfx = Path.Combine(_directory.Path, "server.pfx");
        File.WriteAllBytes(pfx, _server.Export(X509ContentType.Pfx, "secret"));
        var settings = AccessKeys.Settings(allowAnonymous: false);
        settings["Kestrel:Endpoints:Grpc:Url"] = "https://127.0.0.1:0";
        settings["Kestrel:Endpoints:Grpc:Protocols"] = "Http2";
        settings["Kestrel:Endpoints:Grpc:Certificate:Path"] = pfx;
        settings["Kestrel:Endpoints:Grpc:Certificate:Password"] = "secret";
        settings["Kestrel:Endpoints:Grpc:ClientCertificateMode"] = "AllowCertificate";
        settings["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0";
        settings["Kestrel:Endpoints:Http:Protocols"] = "Http1";
        settings["Auth:Certificates:robot:Thumbprint"] = _client.Thumbprint;
        settings["Auth:Certificates:robot:Scopes:0"] = "generate";
        _host = ApiHost.Start(settings);
        var addresses = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        _tlsAddress = new Uri(addresses.Single(address => address.StartsWith("https://", StringComparison.Ordinal)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose()
    {
        _directory.Dispose();
        _server.Dispose();
        _client.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public async Task ConfiguredClientCertificateIsServedOverVerifiedTls()
    {
        using var channel = Channel(_client);

        var response = await new TestDataService.TestDataServiceClient(channel).GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 2 }, deadline: Deadlines.Call());

        Assert.True(response.Success, response.Error);
    }

    [Fact]
    public async Task UnknownClientCertificateIsUnauthenticated()
    {
        using var channel = Channel(_stranger);

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new TestDataService.TestDataServiceClient(channel).GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 2 }, deadline: Deadlines.Call()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task NoClientCertificateIsUnauthenticated()
    {
        using var channel = Channel(clientCertificate: null);

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new TestDataService.TestDataServiceClient(channel).GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 2 }, deadline: Deadlines.Call()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task ClientThatDoesNotTrustTheCertificateCannotConnect()
    {
        using var channel = GrpcChannel.ForAddress(_tlsAddress);

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new TestDataService.TestDataServiceClient(channel).GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 2 }, deadline: Deadlines.Call()).ResponseAsync);

        // The TLS handshake fails before any call: grpc-dotnet reports it as INTERNAL (Unavailable in older versions).
        Assert.Contains(refused.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.Contains("SSL", refused.Status.Detail + refused.Status.DebugException, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithoutAConfiguredAddressTheApiListensOnLoopbackOnly()
    {
        await using var api = ApiHost.Start(AccessKeys.Settings(allowAnonymous: true));

        var addresses = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;

        Assert.Equal(2, addresses.Count);
        Assert.All(addresses, address => Assert.Equal("127.0.0.1", new Uri(address).Host));
    }

    // Verifies the server by pinning its certificate, as a client of a service with a private CA would by trusting the CA.
    private GrpcChannel Channel(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == _server.Thumbprint,
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
            },
        };
        return GrpcChannel.ForAddress(_tlsAddress, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private static X509Certificate2 SelfSigned(string subject, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], critical: false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Through PFX, so the private key is usable by TLS on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
