using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Incidents.Infrastructure.Email;

/// <summary>The CA certificates of Email:Smtp:TrustedCaFile.</summary>
internal static class TrustedCas
{
    public static X509Certificate2Collection Load(string path)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        return certificates;
    }

    /// <summary>What is wrong with the file, or null.</summary>
    public static string? Problem(string path)
    {
        try
        {
            return Load(path).Count == 0 ? $"Email:Smtp:TrustedCaFile '{path}' holds no PEM certificate." : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return $"Email:Smtp:TrustedCaFile '{path}' cannot be read: {ex.Message}";
        }
    }
}
