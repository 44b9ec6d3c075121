using Incidents.Infrastructure.Email;

namespace Incidents.UnitTests.Infrastructure.Email;

public sealed class EmailOptionsTests
{
    private static EmailOptions Smtp(string host, SmtpSecurity security) => new()
    {
        From = "SIL Incidents <incidents@sil.example.org>",
        Smtp = new EmailOptions.SmtpOptions { Host = host, Port = 25, Security = security },
    };

    [Fact]
    public void The_defaults_have_no_problems()
    {
        Assert.Empty(new EmailOptions().Problems());
    }

    [Fact]
    public void Plain_text_smtp_to_a_remote_host_is_refused()
    {
        var problem = Assert.Single(Smtp("smtp.example.org", SmtpSecurity.None).Problems());

        Assert.Contains("loopback", problem, StringComparison.Ordinal);
        Assert.Contains("smtp.example.org", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("::1")]
    public void Plain_text_smtp_to_this_machine_is_allowed(string host)
    {
        Assert.Empty(Smtp(host, SmtpSecurity.None).Problems());
    }

    [Theory]
    [InlineData(SmtpSecurity.StartTls)]
    [InlineData(SmtpSecurity.SslOnConnect)]
    public void Encrypted_smtp_to_a_remote_host_is_allowed(SmtpSecurity security)
    {
        Assert.Empty(Smtp("smtp.example.org", security).Problems());
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("")]
    public void A_from_that_is_not_an_address_is_refused(string from)
    {
        var options = new EmailOptions { From = from };

        Assert.Contains("Email:From is not an email address.", options.Problems());
    }

    [Fact]
    public void An_out_of_range_port_is_refused()
    {
        var options = Smtp("smtp.example.org", SmtpSecurity.StartTls);
        options.Smtp.Port = 0;

        Assert.Contains(options.Problems(), p => p.Contains("Port", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SIL Incidents <incidents@sil.example.org>", "sil.example.org")]
    [InlineData("noreply@mail.school.example", "mail.school.example")]
    [InlineData("not an address", "incidents.localhost")]
    public void The_message_id_domain_is_the_domain_of_from(string from, string expected)
    {
        Assert.Equal(expected, new EmailOptions { From = from }.MessageIdDomain());
    }

    [Fact]
    public void A_trusted_ca_file_that_is_missing_or_holds_no_certificate_is_refused()
    {
        var options = Smtp("smtp.example.org", SmtpSecurity.StartTls);
        options.Smtp.TrustedCaFile = Path.Combine(Path.GetTempPath(), $"no-such-ca-{Guid.NewGuid():N}.pem");
        Assert.Contains(options.Problems(), p => p.Contains("Email:Smtp:TrustedCaFile", StringComparison.Ordinal));

        var empty = Path.GetTempFileName();
        try
        {
            File.WriteAllText(empty, "not a certificate");
            options.Smtp.TrustedCaFile = empty;
            Assert.Contains(options.Problems(), p => p.Contains("holds no PEM certificate", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public void A_trusted_ca_file_with_a_certificate_is_accepted()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Council Test CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, ca.ExportCertificatePem());
            var options = Smtp("smtp.example.org", SmtpSecurity.StartTls);
            options.Smtp.TrustedCaFile = file;

            Assert.Empty(options.Problems());
            Assert.True(options.Smtp.CheckCertificateRevocation);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
