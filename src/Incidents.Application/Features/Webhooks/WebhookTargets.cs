using System.Net;
using System.Net.Sockets;
using Incidents.Application.Common.Security;

namespace Incidents.Application.Features.Webhooks;

/// <summary>
/// The SSRF rule, one home for registration (the URL) and delivery (every address the name resolves to, checked at
/// connect time so a name that later resolves inside cannot be used): https only, and never a loopback, private,
/// link-local, unique-local, carrier-grade NAT, multicast or unspecified address, unless <c>Webhooks:AllowHttp</c>.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Null when acceptable, else why not (in words, for the <c>url</c> field).</summary>
    public static string? Problem(string? url, WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "Enter the endpoint's full address, starting https://.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && settings.HttpAllowed))
        {
            return uri.Scheme == Uri.UriSchemeHttp
                ? "The endpoint must use https (plain http is refused unless Webhooks:AllowHttp is set, for local testing)."
                : "The endpoint must be an https address.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The endpoint's address must not contain a user name or password.";
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return "The endpoint's address must not contain a fragment (#).";
        }

        if (!settings.PrivateTargetsAllowed)
        {
            if (uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase))
            {
                return "The endpoint must not be this machine or an internal name.";
            }

            if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IsInternal(address))
            {
                return "The endpoint must not be a private, loopback or link-local address.";
            }
        }

        return null;
    }

    /// <summary>Addresses a webhook may never reach unless private targets are allowed.</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)   // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                  // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))   // benchmarking
                || b[0] >= 224;                                  // multicast, reserved
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                || (b[0] & 0xFE) == 0xFC;
        }

        return true;
    }
}
