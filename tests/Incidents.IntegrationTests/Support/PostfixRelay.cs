using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Incidents.IntegrationTests.Support;

/// <summary>
/// Debian's Postfix as a council relay would run it, but as a private instance of the test: its own configuration,
/// queue and log in a temporary folder (<c>postfix -c dir start-fg</c>), listening on a free loopback port with
/// STARTTLS offered (optional, so a client that fell back to plain text would get through) and relaying everything
/// to <paramref name="deliverTo"/> (the test's SMTP server), where the test checks what arrived. Needs the postfix
/// package and root (Postfix's master starts as root and drops to the postfix user); without them it fails saying so.
/// </summary>
public sealed class PostfixRelay : IAsyncDisposable
{
    private const string Postfix = "/usr/sbin/postfix";
    private readonly string _directory;
    private readonly Process _master;

    public PostfixRelay(int deliverTo, X509Certificate2 certificate)
    {
        Require();
        ArgumentNullException.ThrowIfNull(certificate);
        _directory = Directory.CreateTempSubdirectory("incidents-postfix-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_directory, (UnixFileMode)Convert.ToInt32("755", 8));
        }

        Directory.CreateDirectory(ConfigDirectory);
        Directory.CreateDirectory(Path.Combine(_directory, "queue"));
        var data = Directory.CreateDirectory(Path.Combine(_directory, "data")).FullName;
        Run("chown", "postfix", data);
        Port = FreePort();
        InstallCertificate(certificate);
        File.WriteAllText(Path.Combine(ConfigDirectory, "main.cf"), MainCf(deliverTo));
        File.WriteAllText(Path.Combine(ConfigDirectory, "master.cf"), MasterCf());

        _master = Process.Start(new ProcessStartInfo(Postfix)
        {
            ArgumentList = { "-c", ConfigDirectory, "start-fg" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("postfix start-fg did not start.");
        _master.OutputDataReceived += (_, _) => { };
        _master.ErrorDataReceived += (_, _) => { };
        _master.BeginOutputReadLine();
        _master.BeginErrorReadLine();
        WaitUntilListening();
    }

    public int Port { get; }

    public string ConfigDirectory => Path.Combine(_directory, "conf");

    public string LogFile => Path.Combine(_directory, "postfix.log");

    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no postfix log)";

    /// <summary>Fails with how to install Postfix when it cannot be run here (never a silent skip).</summary>
    public static void Require()
    {
        if (!File.Exists(Postfix))
        {
            throw new InvalidOperationException(
                $"The Postfix relay tests need Debian's postfix ({Postfix} is missing). Install it with: " +
                "echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections && " +
                "DEBIAN_FRONTEND=noninteractive apt-get install -y postfix   (.ci/run does this).");
        }

        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The Postfix relay tests start a private Postfix instance, which needs root (running as '{Environment.UserName}').");
        }
    }

    /// <summary>The relay's operator replaces its certificate and reloads Postfix.</summary>
    public void ReplaceCertificate(X509Certificate2 certificate)
    {
        InstallCertificate(certificate);
        Run(Postfix, "-c", ConfigDirectory, "reload");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Run(Postfix, "-c", ConfigDirectory, "stop");
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _master.WaitForExitAsync(exited.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            if (!_master.HasExited)
            {
                _master.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _master.Dispose();
            IncidentsApp.TryDelete(_directory);
        }
    }

    private void InstallCertificate(X509Certificate2 certificate)
    {
        var cert = Path.Combine(ConfigDirectory, "relay-cert.pem");
        var key = Path.Combine(ConfigDirectory, "relay-key.pem");
        TestCertificates.WriteCertificatePem(certificate, cert);
        TestCertificates.WritePrivateKeyPem(certificate, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private string MainCf(int deliverTo) => string.Create(CultureInfo.InvariantCulture, $"""
        compatibility_level = 3.6
        config_directory = {ConfigDirectory}
        queue_directory = {_directory}/queue
        data_directory = {_directory}/data
        maillog_file = {LogFile}
        maillog_file_prefixes = {_directory}
        mail_owner = postfix
        setgid_group = postdrop
        myhostname = relay.council.test
        mydomain = council.test
        myorigin = council.test
        mydestination =
        local_recipient_maps =
        alias_maps =
        alias_database =
        inet_interfaces = 127.0.0.1
        inet_protocols = ipv4
        mynetworks = 127.0.0.0/8
        smtpd_relay_restrictions = permit_mynetworks, reject
        relayhost = [127.0.0.1]:{deliverTo}
        smtp_dns_support_level = disabled
        smtp_tls_security_level = none
        smtpd_tls_security_level = may
        smtpd_tls_cert_file = {ConfigDirectory}/relay-cert.pem
        smtpd_tls_key_file = {ConfigDirectory}/relay-key.pem
        smtpd_tls_received_header = yes
        smtpd_tls_loglevel = 1
        biff = no
        """);

    private string MasterCf() => string.Create(CultureInfo.InvariantCulture, $"""
        127.0.0.1:{Port} inet n - n - - smtpd
        pickup    unix  n - n 60 1 pickup
        cleanup   unix  n - n - 0 cleanup
        qmgr      unix  n - n 300 1 qmgr
        tlsmgr    unix  - - n 1000? 1 tlsmgr
        rewrite   unix  - - n - - trivial-rewrite
        bounce    unix  - - n - 0 bounce
        defer     unix  - - n - 0 bounce
        trace     unix  - - n - 0 bounce
        verify    unix  - - n - 1 verify
        flush     unix  n - n 1000? 0 flush
        proxymap  unix  - - n - - proxymap
        smtp      unix  - - n - - smtp
        relay     unix  - - n - - smtp
        showq     unix  n - n - - showq
        error     unix  - - n - - error
        retry     unix  - - n - - error
        discard   unix  - - n - - discard
        anvil     unix  - - n - 1 anvil
        scache    unix  - - n - 1 scache
        postlog   unix-dgram n - n - 1 postlogd
        """);

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                using var reader = new StreamReader(client.GetStream());
                client.ReceiveTimeout = 5000;
                if (reader.ReadLine()?.StartsWith("220", StringComparison.Ordinal) == true)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
            }

            if (_master.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Postfix did not start on 127.0.0.1:{Port} (exit: {(_master.HasExited ? _master.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running")}). Its log:\n{Log}");
            }

            Thread.Sleep(100);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
