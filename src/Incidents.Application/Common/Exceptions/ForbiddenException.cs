namespace Incidents.Application.Common.Exceptions;

/// <summary>The caller is known but their role may not do this: 403.</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException()
        : base("Your role may not do this.")
    {
    }

    public ForbiddenException(string message)
        : base(message)
    {
    }

    public ForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
