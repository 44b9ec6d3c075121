using System.Security.Cryptography;
using Incidents.Application.Common.Interfaces;
using Microsoft.AspNetCore.DataProtection;

namespace Incidents.Infrastructure.Security;

/// <summary>ASP.NET Core data protection (the key ring is in the database, so every node can read what another wrote).</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Incidents.ReportingLinks.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string? Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
