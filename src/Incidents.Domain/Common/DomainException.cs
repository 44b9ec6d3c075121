namespace Incidents.Domain.Common;

/// <summary>A rule of the domain was broken by a request; answered 400 naming <see cref="Field"/>, never a 500.</summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
