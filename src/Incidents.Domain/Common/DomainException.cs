namespace Incidents.Domain.Common;

/// <summary>A rule of the domain was broken by a request; reported to the caller, never a 500.</summary>
public class DomainException(string message) : Exception(message);
