using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Incidents.Infrastructure.Email;

/// <summary>
/// Validates the relay's certificate for one connection: the machine's trust store first, then the CAs of
/// Email:Smtp:TrustedCaFile. The name must match and (unless Email:Smtp:CheckCertificateRevocation is off) the
/// revocation lists must be reachable. There is no "accept any certificate". When it refuses, <see cref="Problem"/>
/// says precisely why, for the fault banner and /health/ready.
/// </summary>
internal sealed class RelayCertificateValidator(EmailOptions.SmtpOptions smtp)
{
    public string? Problem { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            Problem = "the relay's certificate could not be validated: the relay sent no certificate";
            return false;
        }

        using var leaf = new X509Certificate2(certificate);
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            Problem = $"the relay's certificate could not be validated: it is for '{Names(leaf)}', not '{smtp.Host}' (Email:Smtp:Host must be a name on the certificate)";
            return false;
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        var statuses = chain?.ChainStatus ?? [];
        if (!string.IsNullOrWhiteSpace(smtp.TrustedCaFile))
        {
            // The machine's store did not vouch for it; the configured CAs may.
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(TrustedCas.Load(smtp.TrustedCaFile));
            custom.ChainPolicy.RevocationMode = smtp.CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
            custom.ChainPolicy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
            custom.ChainPolicy.UrlRetrievalTimeout = TimeSpan.FromSeconds(Math.Min(smtp.TimeoutSeconds, 15));
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            if (custom.Build(leaf))
            {
                return true;
            }

            statuses = custom.ChainStatus;
        }

        Problem = $"the relay's certificate could not be validated: {Describe(statuses, leaf)}";
        return false;
    }

    private string Describe(X509ChainStatus[] statuses, X509Certificate2 leaf)
    {
        var flags = statuses.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        var what = $"certificate '{leaf.Subject}' issued by '{leaf.Issuer}'";
        if (flags.HasFlag(X509ChainStatusFlags.Revoked))
        {
            return $"{what} has been revoked";
        }

        if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{what} is not valid now (valid from {leaf.NotBefore.ToUniversalTime():u} to {leaf.NotAfter.ToUniversalTime():u})");
        }

        if (flags.HasFlag(X509ChainStatusFlags.UntrustedRoot) || flags.HasFlag(X509ChainStatusFlags.PartialChain))
        {
            var hint = string.IsNullOrWhiteSpace(smtp.TrustedCaFile)
                ? "put the relay's CA certificate in a PEM file and set Email:Smtp:TrustedCaFile to it"
                : $"the CA is not in Email:Smtp:TrustedCaFile ({smtp.TrustedCaFile}) nor in this machine's store";
            return $"{what}: the issuing CA is not trusted; {hint}";
        }

        if (flags.HasFlag(X509ChainStatusFlags.RevocationStatusUnknown) || flags.HasFlag(X509ChainStatusFlags.OfflineRevocation))
        {
            return $"{what}: its revocation could not be checked (the CA's revocation list could not be fetched); if that list cannot be reached from this network, set Email:Smtp:CheckCertificateRevocation to false";
        }

        var details = string.Join("; ", statuses.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return $"{what}: {(details.Length > 0 ? details : flags.ToString())}";
    }

    private static string Names(X509Certificate2 certificate)
    {
        var dns = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var names = san is null ? [] : san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(a => a.ToString())).ToList();
        return names.Count > 0 ? string.Join(", ", names) : dns;
    }
}
