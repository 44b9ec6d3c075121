namespace Incidents.Application.Common.Interfaces;

/// <summary>Encrypts a secret the app must be able to show again (a reporting link), with the app's data-protection
/// keys. <see cref="Unprotect"/> gives null when the secret cannot be read (the key ring was lost).</summary>
public interface ISecretProtector
{
    string Protect(string secret);

    string? Unprotect(string protectedSecret);
}
