using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PropertyPortal.IntegrationTests.Notifications.Fakes;

/// <summary>A received mail: the envelope and the parsed message.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, MimeMessage Message, string? User);

/// <summary>
/// An SMTP server inside the test (the SmtpServer package) on a free loopback port: it takes mail over the
/// real protocol, with AUTH PLAIN/LOGIN accepted for the configured user only, and answers DATA as the test says.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    public const string UserName = "service@cuihu.example";
    public const string Password = "smtp-pass-123";

    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    public TestSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication(true).AuthenticationRequired(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Authenticator());
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>The answer to DATA (default: accepted).</summary>
    public Func<MimeMessage, SmtpResponse> Answer { get; set; } = _ => SmtpResponse.Ok;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var answer = owner.Answer(message);
            if (answer.ReplyCode == SmtpReplyCode.Ok)
            {
                var user = context.Authentication.IsAuthenticated ? context.Authentication.User : null;
                owner.Received.Enqueue(new ReceivedMail(transaction.From.User + "@" + transaction.From.Host, [.. transaction.To.Select(t => t.User + "@" + t.Host)], message, user));
            }

            return answer;
        }
    }

    private sealed class Authenticator : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(user == UserName && password == Password);
    }
}
