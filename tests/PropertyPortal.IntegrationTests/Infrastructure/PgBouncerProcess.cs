using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PropertyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's PgBouncer in transaction pooling mode, started for a test on a free port of 127.0.0.1 in
/// front of the test PostgreSQL server, with <paramref name="poolSize"/> server connections per
/// database and user. Killed on dispose.
/// </summary>
public sealed class PgBouncerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private PgBouncerProcess(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string to <paramref name="database"/> through this PgBouncer, with the test server's credentials.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(Requirements.PostgresVariable)) { Host = "127.0.0.1", Port = Port, Database = database }.ConnectionString;

    public static async Task<PgBouncerProcess> StartAsync(int poolSize)
    {
        var binary = Requirements.PgBouncer();
        var server = new NpgsqlConnectionStringBuilder(Requirements.Postgres());
        var folder = Path.Combine(Path.GetTempPath(), "portal-pgbouncer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder, "users.txt"), $"\"{server.Username}\" \"{server.Password}\"\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "pgbouncer.ini"), $"""
            [databases]
            * = host={server.Host} port={server.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = plain
            auth_file = {Path.Combine(folder, "users.txt")}
            pool_mode = transaction
            default_pool_size = {poolSize}
            max_client_conn = 1000
            ignore_startup_parameters = extra_float_digits
            """);

        // PgBouncer refuses to run as root; Debian's postgres user exists wherever its server package does.
        var info = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (OperatingSystem.IsLinux() && Environment.UserName == "root")
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add("postgres");
        }

        info.ArgumentList.Add(Path.Combine(folder, "pgbouncer.ini"));
        var process = Process.Start(info) ?? throw new InvalidOperationException("pgbouncer did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var bouncer = new PgBouncerProcess(process, folder, port);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return bouncer;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        await bouncer.DisposeAsync();
        throw new InvalidOperationException($"pgbouncer did not listen on {port}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is the OS's to clean.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
