using System.Net;

namespace Incidents.Infrastructure.Email;

public enum SmtpSecurity
{
    StartTls,
    SslOnConnect,

    /// <summary>Plain text; refused unless the host is a loopback address (an SMTP catcher on this machine).</summary>
    None,
}

/// <summary>The Email section of configuration.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "SIL Incidents <incidents@incidents.localhost>";

    /// <summary>Where .eml files are written when no SMTP host is set (the embedded default).</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How many due notices the dispatcher claims at once (Email:BatchSize).</summary>
    public int BatchSize { get; set; } = 20;

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 587;
        public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
        public string? User { get; set; }
        public string? Password { get; set; }
        public int TimeoutSeconds { get; set; } = 30;

        /// <summary>A PEM file of CA certificates to trust for the relay, in addition to the machine's store (a council's
        /// private CA). Read at each connection, so replacing the file needs no restart.</summary>
        public string? TrustedCaFile { get; set; }

        /// <summary>Check the relay's certificate against its CA's revocation list. Turn off only for a private CA whose
        /// CRL cannot be reached from the app's network; the certificate is still validated.</summary>
        public bool CheckCertificateRevocation { get; set; } = true;

        /// <summary>How many connections to the relay the dispatcher keeps open and sends over at once.</summary>
        public int Connections { get; set; } = 2;

        /// <summary>A kept-open connection idle longer than this is checked with NOOP before it is used again.</summary>
        public int NoopAfterSeconds { get; set; } = 5;

        /// <summary>A connection idle longer than this is closed (QUIT); the next send opens a new one.</summary>
        public int IdleTimeoutSeconds { get; set; } = 60;

        /// <summary>How long /health/ready reuses one SMTP connection test.</summary>
        public int ProbeCacheSeconds { get; set; } = 30;
    }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>Returns what is wrong with these settings, or nothing. Checked at start-up.</summary>
    public IEnumerable<string> Problems()
    {
        if (!MimeKit.MailboxAddress.TryParse(From, out _))
        {
            yield return "Email:From is not an email address.";
        }

        if (BatchSize is < 1 or > 500)
        {
            yield return "Email:BatchSize must be between 1 and 500.";
        }

        if (!UsesSmtp)
        {
            if (string.IsNullOrWhiteSpace(PickupDirectory))
            {
                yield return "Set Email:Smtp:Host, or Email:PickupDirectory for the embedded default.";
            }

            yield break;
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return "Email:Smtp:Port must be between 1 and 65535.";
        }

        if (Smtp.TimeoutSeconds is < 1 or > 600)
        {
            yield return "Email:Smtp:TimeoutSeconds must be between 1 and 600.";
        }

        if (Smtp.Connections is < 1 or > 16)
        {
            yield return "Email:Smtp:Connections must be between 1 and 16.";
        }

        if (Smtp.NoopAfterSeconds < 0 || Smtp.IdleTimeoutSeconds < 1 || Smtp.IdleTimeoutSeconds > 3600)
        {
            yield return "Email:Smtp:NoopAfterSeconds must be 0 or more and Email:Smtp:IdleTimeoutSeconds between 1 and 3600.";
        }

        if (Smtp.ProbeCacheSeconds is < 0 or > 3600)
        {
            yield return "Email:Smtp:ProbeCacheSeconds must be between 0 and 3600.";
        }

        if (!string.IsNullOrWhiteSpace(Smtp.TrustedCaFile) && TrustedCas.Problem(Smtp.TrustedCaFile) is { } caProblem)
        {
            yield return caProblem;
        }

        if (Smtp.Security == SmtpSecurity.None && !IsLoopback(Smtp.Host!))
        {
            yield return $"Email:Smtp:Security None sends mail in plain text and is allowed only to a loopback host, not '{Smtp.Host}'. Use StartTls or SslOnConnect.";
        }
    }

    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    public string MessageIdDomain()
    {
        var address = MimeKit.MailboxAddress.TryParse(From, out var parsed) ? parsed.Address : "incidents@incidents.localhost";
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "incidents.localhost";
    }
}
