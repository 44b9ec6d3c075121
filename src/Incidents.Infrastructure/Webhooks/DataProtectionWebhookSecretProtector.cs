using Incidents.Application.Features.Webhooks;
using Microsoft.AspNetCore.DataProtection;

namespace Incidents.Infrastructure.Webhooks;

/// <summary>Endpoint secrets are stored encrypted and authenticated by ASP.NET Core data protection (the key ring in the
/// database, shared by every node), never in plain text: the HMAC needs the secret itself, so it cannot be hashed.</summary>
internal sealed class DataProtectionWebhookSecretProtector(IDataProtectionProvider provider) : IWebhookSecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Incidents.Webhooks.EndpointSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
